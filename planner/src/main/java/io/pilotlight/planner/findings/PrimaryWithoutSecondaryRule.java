package io.pilotlight.planner.findings;

import io.pilotlight.planner.RoutedRecords;
import io.pilotlight.topology.DnsNames;
import io.pilotlight.topology.FailoverRole;
import io.pilotlight.topology.RecordSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A PRIMARY failover record set whose name and type have no SECONDARY: when the primary fails, DNS has nowhere to send clients. */
final class PrimaryWithoutSecondaryRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        List<Finding> findings = new ArrayList<>();
        for (RoutedRecords.Entry entry : RoutedRecords.of(input.topology()).entries()) {
            RecordSet set = entry.set();
            if (set.failoverRoutingPolicy() == null || set.failoverRoutingPolicy().type() != FailoverRole.PRIMARY) {
                continue;
            }
            String owner = DnsNames.absolute(set.name(), entry.zone());
            boolean hasSecondary = input.topology().dnsOrEmpty().zones().get(entry.zone()).recordSets().stream()
                    .anyMatch(other -> other.failoverRoutingPolicy() != null && other.failoverRoutingPolicy().type() == FailoverRole.SECONDARY
                            && other.type() == set.type() && Objects.equals(owner, DnsNames.absolute(other.name(), entry.zone())));
            if (!hasSecondary) {
                findings.add(new Finding(Severity.ERROR, "primary-without-secondary",
                        "the PRIMARY record " + set.name() + " (" + set.setIdentifier() + ") has no SECONDARY: when the primary"
                                + " fails there is nowhere to fail over to, and Route 53 keeps answering the dead primary",
                        "failover_routing_policy PRIMARY; no SECONDARY " + set.type() + " record set named " + set.name(),
                        "add the SECONDARY record set of " + set.name() + " pointing at the standby region",
                        entry.path() + ".failover_routing_policy", 0));
            }
        }
        return findings;
    }
}
