package io.pilotlight.planner.findings;

import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.Driver;
import io.pilotlight.topology.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Under a residency law, data must not be copied to a region of another jurisdiction. */
final class DataResidencyRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        List<Finding> findings = new ArrayList<>();
        if (input.objectives().driver() != Driver.DATA_RESIDENCY) {
            return findings;
        }
        input.topology().dataStores().forEach((name, store) -> {
            Set<String> jurisdictions = jurisdictionsOf(store, input);
            if (jurisdictions.size() > 1) {
                findings.add(new Finding(Severity.ERROR, "data-leaves-jurisdiction",
                        "data store " + name + " is copied across jurisdictions " + jurisdictions + " while the driver is data residency",
                        "regions of " + name + " lie in " + jurisdictions,
                        "keep each copy inside one jurisdiction: pin the data to its home region and pick a standby in the same jurisdiction",
                        "data_stores." + name + ".regions", 0));
            }
        });
        return findings;
    }

    private static Set<String> jurisdictionsOf(DataStore store, PlanInput input) {
        List<String> regions = store.regions().isEmpty() ? input.topology().regions().keySet().stream().filter(input.topology()::serves).toList() : store.regions();
        Set<String> out = new TreeSet<>();
        regions.stream().map(input.topology().regions()::get).filter(Objects::nonNull).map(Region::jurisdiction)
                .filter(Objects::nonNull).forEach(out::add);
        return out;
    }
}
