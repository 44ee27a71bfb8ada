package io.pilotlight.topology;

import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Default;
import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.KeyPattern;
import java.util.Map;

@Doc("Where the agents' coordination store runs: it grants writer leases and epochs and elects the one controller that acts."
        + " A majority of its members must be reachable for any of that, failover included.")
public record Coordination(
        @Doc("etcd: an etcd cluster whose members live in the regions under members; in-process: the one-machine coordinator of"
                + " the lab and tests (no members).")
        @Default("etcd") CoordinationStore store,
        @Doc("Members of the etcd cluster per region, e.g. {us-east-1: 1, us-west-2: 1, eu-west-1: 1}. To survive the loss of any"
                + " one region, no region may hold half of the members or more: use three regions, one of them a witness if need be.")
        @KeyPattern(regex = "^[a-z][a-z0-9-]*$", description = "lower-case letters, digits and '-', starting with a letter")
        @Bounds(min = "1", max = "7") Map<String, Integer> members) {

    public Coordination {
        members = members == null ? Map.of() : members;
    }

    /** All members, in every region. */
    public int total() {
        return members.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Members that must be reachable for the store to act: a majority of all. */
    public int majority() {
        return total() / 2 + 1;
    }

    /** The members left when one region is lost. */
    public int leftWithout(String region) {
        return total() - members.getOrDefault(region, 0);
    }
}
