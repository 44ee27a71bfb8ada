package io.pilotlight.orchestrator.runbook;

import io.pilotlight.planner.RtoEstimate;
import io.pilotlight.planner.RtoEstimator;
import io.pilotlight.planner.TopologyPattern;
import io.pilotlight.topology.Capacity;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import io.pilotlight.topology.DnsNames;
import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.RecordSet;
import io.pilotlight.topology.ResiliencePattern;
import io.pilotlight.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generates the runbook of a topology's pattern: pilot light (fence, promote, scale from 0, wait
 * healthy, flip DNS, verify), warm standby (the same, scaling to full), backup and restore
 * (restore, start compute, flip), active-active (withdraw the region). Expected durations come
 * from the planner's RTO terms.
 */
public final class RunbookPlanner {
    private RunbookPlanner() {
    }

    public static Runbook failover(Topology topology, String from, String to) {
        requireRegions(topology, from, to);
        ResiliencePattern pattern = TopologyPattern.of(topology).pattern();
        RtoEstimate rto = RtoEstimator.estimate(topology);
        List<Step> steps = new ArrayList<>();
        if (pattern == ResiliencePattern.ACTIVE_ACTIVE) {
            add(steps, StepKind.WITHDRAW_REGION, "withdraw " + from + " from DNS: switch its record set members off",
                    Map.of("region", from), Duration.ZERO);
            addVerify(steps, topology, to, rto);
            return new Runbook(id(topology, "failover", from, to), "failover", pattern, from, to, List.copyOf(steps));
        }
        for (Map.Entry<String, DataStore> store : topology.dataStores().entrySet()) {
            if (store.getValue().kind() == DataStoreKind.GLOBAL_DATABASE) {
                Duration lease = store.getValue().lease();
                add(steps, StepKind.FENCE_OLD_WRITER, "fence " + store.getKey() + "'s writer in " + from
                        + ": its lease lapses or it steps down", Map.of("store", store.getKey(), "region", from), lease);
                add(steps, StepKind.PROMOTE_REPLICA, "promote " + store.getKey() + "'s replica in " + to + " to writer (new epoch)",
                        Map.of("store", store.getKey(), "region", to), Duration.ofSeconds(1));
            } else if (store.getValue().kind() == DataStoreKind.BACKUP) {
                add(steps, StepKind.RESTORE_BACKUP, "restore the latest backup of " + store.getKey() + " in " + to,
                        Map.of("store", store.getKey(), "region", to), rto.term(RtoEstimator.PROMOTION).estimate());
            }
        }
        topology.compute().forEach((service, compute) -> {
            Capacity capacity = compute.capacity().get(to);
            if (capacity != null && capacity.active() > capacity.standby()) {
                add(steps, StepKind.SCALE_UP, "scale " + service + " in " + to + " from " + capacity.standby() + " to "
                        + capacity.active() + " instances", Map.of("service", service, "region", to,
                        "instances", Integer.toString(capacity.active())), compute.instanceReadyTime());
            }
            HealthCheck check = topology.services().containsKey(service) ? topology.services().get(service).healthCheck() : null;
            Duration toHealthy = check == null ? Duration.ZERO : check.requestInterval().multipliedBy(check.failureThreshold());
            add(steps, StepKind.WAIT_HEALTHY, "wait until " + service + " in " + to + " passes its health check",
                    Map.of("service", service, "region", to), toHealthy);
        });
        add(steps, StepKind.FLIP_DNS, "flip DNS: routing controls of " + from + " off, of " + to + " on",
                Map.of("from", from, "to", to), Duration.ZERO);
        addVerify(steps, topology, to, rto);
        return new Runbook(id(topology, "failover", from, to), "failover", pattern, from, to, List.copyOf(steps));
    }

    /** Back to the original primary once it has recovered: it rejoins as a replica, a switchover moves the writer, the standby scales down. */
    public static Runbook failback(Topology topology, String standby, String primary) {
        requireRegions(topology, standby, primary);
        ResiliencePattern pattern = TopologyPattern.of(topology).pattern();
        List<Step> steps = new ArrayList<>();
        topology.dataStores().forEach((name, store) -> {
            if (store.kind() == DataStoreKind.GLOBAL_DATABASE) {
                add(steps, StepKind.SWITCHOVER_STORE, "switch " + name + "'s writer over to " + primary + " (RPO 0)",
                        Map.of("store", name, "region", primary), Duration.ofSeconds(1));
            }
        });
        topology.compute().forEach((service, compute) -> {
            add(steps, StepKind.SCALE_UP, "scale " + service + " in " + primary + " to full", Map.of("service", service, "region", primary,
                    "instances", Integer.toString(compute.capacity().getOrDefault(primary, new Capacity(1, 0)).active())),
                    compute.instanceReadyTime());
            add(steps, StepKind.WAIT_HEALTHY, "wait until " + service + " in " + primary + " passes its health check",
                    Map.of("service", service, "region", primary), Duration.ZERO);
        });
        add(steps, StepKind.FLIP_DNS, "flip DNS back: " + standby + " off, " + primary + " on", Map.of("from", standby, "to", primary),
                Duration.ZERO);
        addVerify(steps, topology, primary, RtoEstimator.estimate(topology));
        topology.compute().forEach((service, compute) -> add(steps, StepKind.SCALE_DOWN, "scale " + service + " in " + standby
                + " back to its standby capacity", Map.of("service", service, "region", standby, "instances",
                Integer.toString(compute.capacity().getOrDefault(standby, new Capacity(0, 0)).standby())), Duration.ZERO));
        return new Runbook(id(topology, "failback", standby, primary), "failback", pattern, standby, primary, List.copyOf(steps));
    }

    private static void addVerify(List<Step> steps, Topology topology, String to, RtoEstimate rto) {
        topology.dnsOrEmpty().zones().forEach((zone, content) -> {
            for (RecordSet set : content.recordSets()) {
                if (set.hasRoutingPolicy() && to.equals(set.region()) && !set.records().isEmpty()) {
                    String name = DnsNames.absolute(set.name(), zone);
                    if (steps.stream().noneMatch(s -> s.kind() == StepKind.VERIFY_DNS && name.equals(s.params().get("name")))) {
                        add(steps, StepKind.VERIFY_DNS, "verify " + name + " " + set.type() + " answers " + set.records().get(0)
                                + " (clients follow within the TTL)", Map.of("name", name, "type", set.type().name(),
                                "expect", set.records().get(0)), rto.term(RtoEstimator.DNS_TTL).estimate());
                    }
                }
            }
        });
    }

    private static void add(List<Step> steps, StepKind kind, String description, Map<String, String> params, Duration expected) {
        steps.add(new Step(steps.size() + 1, kind, description, params, expected));
    }

    private static void requireRegions(Topology topology, String from, String to) {
        for (String region : List.of(from, to)) {
            if (!topology.regions().containsKey(region)) {
                throw new IllegalArgumentException("\"" + region + "\" is not a region of " + topology.name() + "; regions: "
                        + topology.regions().keySet());
            }
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("cannot fail over from " + from + " to itself");
        }
    }

    private static String id(Topology topology, String purpose, String from, String to) {
        return topology.name() + "-" + purpose + "-" + from + "-to-" + to;
    }
}
