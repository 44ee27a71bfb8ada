package io.pilotlight.planner.findings;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.planner.RtoTerm;
import io.pilotlight.planner.StoreRpo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The estimate itself misses an objective: say which term or store is responsible and what to change. */
final class ObjectiveMissRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        List<Finding> findings = new ArrayList<>();
        Duration rto = input.objectives().rto();
        Duration total = input.rto().total();
        if (total.compareTo(rto) > 0) {
            RtoTerm largest = input.rto().terms().stream().max(Comparator.comparing(RtoTerm::estimate)).orElseThrow();
            findings.add(new Finding(Severity.ERROR, "rto-missed",
                    "the estimated RTO " + format(total) + " exceeds the objective " + format(rto),
                    "largest term: " + largest.name() + " " + format(largest.estimate()) + " (" + largest.basis() + ")",
                    "shorten " + largest.name() + ", or choose a pattern with a faster recovery",
                    largest.path().isEmpty() ? "objectives.rto" : largest.path(), 0));
        }
        for (StoreRpo store : input.rpo().stores()) {
            if (store.bound().compareTo(input.objectives().rpo()) > 0) {
                findings.add(new Finding(Severity.ERROR, "rpo-missed",
                        "data store " + store.name() + " may lose " + format(store.bound()) + " of writes, more than the RPO "
                                + format(input.objectives().rpo()),
                        store.basis(),
                        "bring the bound under " + format(input.objectives().rpo()) + " (a tighter lag_bound, sync replication,"
                                + " or more frequent backups)",
                        store.path(), 0));
            }
        }
        return findings;
    }
}
