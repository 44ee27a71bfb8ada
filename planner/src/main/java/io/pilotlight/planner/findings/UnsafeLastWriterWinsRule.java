package io.pilotlight.planner.findings;

import io.pilotlight.topology.DataStoreKind;
import io.pilotlight.topology.spec.WireNames;
import java.util.ArrayList;
import java.util.List;

/** Counters and read-modify-write lose updates under last-writer-wins when two regions write the same item. */
final class UnsafeLastWriterWinsRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        List<Finding> findings = new ArrayList<>();
        input.topology().dataStores().forEach((name, store) -> {
            if (store.kind() == DataStoreKind.GLOBAL_TABLE && !store.writes().safeUnderLastWriterWins()) {
                findings.add(new Finding(Severity.ERROR, "unsafe-last-writer-wins",
                        "data store " + name + " is multi-active with last-writer-wins, but its writes are "
                                + WireNames.of(store.writes()) + ": two regions updating the same item concurrently lose one update",
                        "kind: global-table, writes: " + WireNames.of(store.writes()),
                        "keep this data in a single-writer global-database, route each item's writes to one home region,"
                                + " or store per-region values merged on read (a CRDT counter)",
                        "data_stores." + name + ".writes", 0));
            }
        });
        return findings;
    }
}
