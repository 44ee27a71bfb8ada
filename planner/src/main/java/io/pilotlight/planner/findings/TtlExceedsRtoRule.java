package io.pilotlight.planner.findings;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.topology.RecordSet;
import io.pilotlight.topology.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A TTL longer than the RTO misses it on its own: clients keep the dead answer that long after failover.
 * Reported once per name and type, at the first member that exceeds it.
 */
final class TtlExceedsRtoRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        List<Finding> findings = new ArrayList<>();
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (Map.Entry<String, Zone> zone : input.topology().dnsOrEmpty().zones().entrySet()) {
            List<RecordSet> sets = zone.getValue().recordSets();
            for (int i = 0; i < sets.size(); i++) {
                RecordSet set = sets.get(i);
                if (set.hasRoutingPolicy() && set.ttl().compareTo(input.objectives().rto()) > 0
                        && reported.add(zone.getKey() + " " + set.name() + " " + set.type())) {
                    String path = io.pilotlight.topology.load.Paths.key("dns.zones", zone.getKey()) + ".record_sets[" + i + "].ttl";
                    findings.add(new Finding(Severity.ERROR, "ttl-exceeds-rto",
                            "the TTL of " + set.name() + " alone exceeds the RTO: clients keep the dead region's address for up to "
                                    + format(set.ttl()) + " after failover",
                            "ttl " + format(set.ttl()) + " > rto " + format(input.objectives().rto()),
                            "lower ttl well below the RTO (e.g. 60s or less) on record sets that fail over",
                            path, 0));
                }
            }
        }
        return findings;
    }
}
