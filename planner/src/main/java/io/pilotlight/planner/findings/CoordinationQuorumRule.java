package io.pilotlight.planner.findings;

import io.pilotlight.topology.Coordination;
import io.pilotlight.topology.CoordinationStore;
import io.pilotlight.topology.Driver;
import io.pilotlight.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * etcd acts only while a majority of its members are reachable, so coordination whose members sit in one or two regions
 * cannot survive losing the region that holds the majority (either region with 1+1): no lease, no epoch, no failover.
 */
final class CoordinationQuorumRule implements FindingRule {
    private static final List<String> WITNESS_NAMES = List.of("eu-west-1", "us-east-2", "us-west-2", "eu-central-1", "ap-southeast-1");

    @Override
    public List<Finding> apply(PlanInput input) {
        Coordination coordination = input.topology().coordination();
        if (coordination == null || coordination.store() != CoordinationStore.ETCD || coordination.total() == 0) {
            return List.of();
        }
        List<String> fatal = coordination.members().keySet().stream()
                .filter(region -> coordination.leftWithout(region) < coordination.majority()).toList();
        if (fatal.isEmpty()) {
            return List.of();
        }
        int sites = coordination.members().size();
        String lost = sites == 2 && fatal.size() == 2 ? "either region" : String.join(" or ", fatal);
        String message = (sites <= 2 ? "coordination placed in " + (sites == 1 ? "one region" : "two regions") + " cannot survive losing "
                + (sites == 1 ? "it" : "either") + ": " : "")
                + "losing " + lost + " leaves fewer than the majority of " + coordination.majority() + " of " + coordination.total()
                + " etcd members, so coordination stops: no writer lease, no epoch, no failover";
        boolean regional = input.objectives() == null || input.objectives().driver() == null
                || input.objectives().driver() == Driver.REGIONAL_OUTAGE;
        return List.of(new Finding(regional ? Severity.ERROR : Severity.WARNING, "coordination-loses-quorum", message,
                evidence(coordination), fix(input.topology(), coordination), "coordination.members", 0));
    }

    private static String evidence(Coordination coordination) {
        String members = coordination.members().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        List<String> losses = new ArrayList<>();
        coordination.members().keySet().forEach(region -> {
            int left = coordination.leftWithout(region);
            losses.add("losing " + region + " leaves " + left + " of " + coordination.total() + ": "
                    + (left < coordination.majority() ? "coordination stops" : "coordination goes on"));
        });
        return "members per region: " + members + " (" + coordination.total() + " in all); majority needed: " + coordination.majority()
                + "; " + String.join("; ", losses);
    }

    private static String fix(Topology topology, Coordination coordination) {
        Map<String, Integer> proposed = new LinkedHashMap<>();
        coordination.members().keySet().forEach(region -> proposed.put(region, 1));
        if (proposed.size() >= 3) {
            return "spread the members so that no region holds half of them or more, e.g. one per region: coordination.members: "
                    + inline(proposed) + "; then losing any one region leaves " + (proposed.size() - 1) + " of " + proposed.size()
                    + ", a majority";
        }
        String third = topology.regions().keySet().stream().filter(r -> !proposed.containsKey(r)).findFirst().orElse(null);
        String addition;
        if (proposed.size() == 1) {
            addition = "place one member in each of three regions";
            if (third == null) {
                third = witnessName(topology);
            }
        } else if (third != null && topology.serves(third)) {
            addition = "add a member in a third region, " + third;
        } else if (third != null) {
            addition = "add a member in the witness region " + third;
        } else {
            third = witnessName(topology);
            addition = "add a third region as a witness (it holds only the member: no service, data or compute), regions: {" + third
                    + ": {role: witness}}, with one member";
        }
        while (proposed.size() < 3) {
            proposed.put(third, 1);
            third = witnessName(topology, proposed);
        }
        return addition + ": coordination.members: " + inline(proposed) + "; then losing any one region leaves 2 of 3 members, a"
                + " majority. Put the third site where failures are independent of the other two";
    }

    /** A region name for an example witness, not already in the topology. */
    static String witnessName(Topology topology) {
        return witnessName(topology, Map.of());
    }

    private static String witnessName(Topology topology, Map<String, Integer> taken) {
        return WITNESS_NAMES.stream().filter(n -> !topology.regions().containsKey(n) && !taken.containsKey(n)).findFirst()
                .orElse("witness-1");
    }

    static String inline(Map<String, Integer> members) {
        return members.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
    }
}
