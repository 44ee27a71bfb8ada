package io.pilotlight.planner.findings;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.topology.DataStoreKind;
import java.util.ArrayList;
import java.util.List;

/** A backup taken less often than the RPO loses more than the RPO allows. */
final class BackupIntervalAboveRpoRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        List<Finding> findings = new ArrayList<>();
        input.topology().dataStores().forEach((name, store) -> {
            if (store.kind() == DataStoreKind.BACKUP && store.interval().compareTo(input.objectives().rpo()) > 0) {
                findings.add(new Finding(Severity.ERROR, "backup-interval-above-rpo",
                        "backups of " + name + " are " + format(store.interval()) + " apart: a disaster just before the next one"
                                + " loses up to " + format(store.interval()) + " of writes",
                        "interval " + format(store.interval()) + " > rpo " + format(input.objectives().rpo()),
                        "back up at least every " + format(input.objectives().rpo())
                                + " (continuous WAL archiving or point-in-time recovery), or replicate the data",
                        "data_stores." + name + ".interval", 0));
            }
        });
        return findings;
    }
}
