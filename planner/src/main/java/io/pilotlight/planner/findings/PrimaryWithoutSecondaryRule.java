package io.pilotlight.planner.findings;

import io.pilotlight.topology.DnsNames;
import io.pilotlight.topology.FailoverRole;
import io.pilotlight.topology.RecordSet;
import io.pilotlight.topology.Zone;
import io.pilotlight.topology.load.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A PRIMARY failover record set whose name and type have no SECONDARY: when the primary fails, DNS has nowhere to send clients. */
final class PrimaryWithoutSecondaryRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, Zone> zone : input.topology().dnsOrEmpty().zones().entrySet()) {
            List<RecordSet> sets = zone.getValue().recordSets();
            for (int i = 0; i < sets.size(); i++) {
                RecordSet set = sets.get(i);
                if (set.failoverRoutingPolicy() == null || set.failoverRoutingPolicy().type() != FailoverRole.PRIMARY) {
                    continue;
                }
                String owner = DnsNames.absolute(set.name(), zone.getKey());
                boolean hasSecondary = sets.stream().anyMatch(other -> other.failoverRoutingPolicy() != null
                        && other.failoverRoutingPolicy().type() == FailoverRole.SECONDARY && other.type() == set.type()
                        && Objects.equals(owner, DnsNames.absolute(other.name(), zone.getKey())));
                if (!hasSecondary) {
                    findings.add(new Finding(Severity.ERROR, "primary-without-secondary",
                            "the PRIMARY record " + set.name() + " (" + set.setIdentifier() + ") has no SECONDARY: when the primary"
                                    + " fails there is nowhere to fail over to, and Route 53 keeps answering the dead primary",
                            "failover_routing_policy PRIMARY; no SECONDARY " + set.type() + " record set named " + set.name(),
                            "add the SECONDARY record set of " + set.name() + " pointing at the standby region",
                            Paths.key("dns.zones", zone.getKey()) + ".record_sets[" + i + "].failover_routing_policy", 0));
                }
            }
        }
        return findings;
    }
}
