package io.pilotlight.planner.findings;

import io.pilotlight.topology.DataStoreKind;
import io.pilotlight.topology.ResiliencePattern;
import java.util.ArrayList;
import java.util.List;

/** Active-active over a single-writer store is active-passive; writing in both regions is split-brain. */
final class SplitBrainRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        List<Finding> findings = new ArrayList<>();
        if (input.pattern().pattern() != ResiliencePattern.ACTIVE_ACTIVE) {
            return findings;
        }
        input.topology().dataStores().forEach((name, store) -> {
            if (store.kind() == DataStoreKind.GLOBAL_DATABASE) {
                findings.add(new Finding(Severity.ERROR, "split-brain",
                        "declared active-active, but data store " + name + " has one writer (" + store.writer()
                                + "): this is active-passive; writing in both regions is split-brain",
                        "pattern: active-active (" + input.pattern().basis() + "); data_stores." + name + ".kind: global-database",
                        "use a global-table (multi-active, last-writer-wins) for data written in every region, or declare"
                                + " warm-standby and send writes to the writer region",
                        "data_stores." + name + ".kind", 0));
            }
        });
        return findings;
    }
}
