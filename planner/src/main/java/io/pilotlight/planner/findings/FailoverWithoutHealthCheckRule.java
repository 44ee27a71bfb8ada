package io.pilotlight.planner.findings;

import io.pilotlight.topology.FailoverRole;
import io.pilotlight.topology.RecordSet;
import io.pilotlight.topology.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A PRIMARY failover record without a health check is always healthy, so DNS never fails over.
 * A SECONDARY without one is answered even when down, which is acceptable for a last resort.
 */
final class FailoverWithoutHealthCheckRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, Zone> zone : input.topology().dnsOrEmpty().zones().entrySet()) {
            List<RecordSet> sets = zone.getValue().recordSets();
            for (int i = 0; i < sets.size(); i++) {
                RecordSet set = sets.get(i);
                boolean checked = set.healthCheck() != null || (set.alias() != null && set.alias().evaluateTargetHealth());
                if (set.failoverRoutingPolicy() == null || checked) {
                    continue;
                }
                String path = io.pilotlight.topology.load.Paths.key("dns.zones", zone.getKey()) + ".record_sets[" + i + "]";
                boolean primary = set.failoverRoutingPolicy().type() == FailoverRole.PRIMARY;
                findings.add(primary
                        ? new Finding(Severity.ERROR, "failover-without-health-check",
                                "the PRIMARY record " + set.name() + " (" + set.setIdentifier() + ") has no health check: it is"
                                        + " always considered healthy, so DNS never fails over",
                                "failover_routing_policy PRIMARY without health_check", "add health_check: the check of the primary endpoint",
                                path, 0)
                        : new Finding(Severity.INFO, "failover-without-health-check",
                                "the SECONDARY record " + set.name() + " (" + set.setIdentifier() + ") has no health check: it is"
                                        + " answered even when the standby is down",
                                "failover_routing_policy SECONDARY without health_check",
                                "fine for a last resort; add a health check to fail closed or alert when the standby is down",
                                path, 0));
            }
        }
        return findings;
    }
}
