package io.pilotlight.planner.findings;

import io.pilotlight.topology.FailoverMode;
import io.pilotlight.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Automatic failover across regions with no coordination declared runs on the one-machine in-process coordinator: fine for
 * the lab, a single point of failure across machines. Information only, so a design that is right for one machine still passes.
 */
final class SingleCoordinatorRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        Topology topology = input.topology();
        List<String> serving = topology.regions().keySet().stream().filter(topology::serves).toList();
        if (topology.coordination() != null || serving.size() < 2 || topology.failoverOrDefault().mode() != FailoverMode.AUTOMATIC) {
            return List.of();
        }
        Map<String, Integer> members = new LinkedHashMap<>();
        serving.stream().limit(3).forEach(region -> members.put(region, 1));
        String witness = members.size() < 3 ? CoordinationQuorumRule.witnessName(topology) : null;
        if (witness != null) {
            members.put(witness, 1);
        }
        return List.of(new Finding(Severity.INFO, "single-coordinator",
                "no coordination store is declared, so leases and failover decisions come from the one-machine in-process"
                        + " coordinator: fine on one machine, but across machines it lives in one region, and when that region fails"
                        + " nothing can fail over",
                "coordination: not declared; failover.mode: automatic across " + String.join(", ", serving),
                "for a deployment across machines declare where the etcd members live, one in each of three regions: coordination:"
                        + " {store: etcd, members: " + CoordinationQuorumRule.inline(members) + "}"
                        + (witness == null ? "" : " with regions: {" + witness + ": {role: witness}}")
                        + "; or write coordination: {store: in-process} to say the one-machine coordinator is meant",
                "coordination", 0));
    }
}
