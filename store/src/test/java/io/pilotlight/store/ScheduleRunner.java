package io.pilotlight.store;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a {@link Schedule} against a {@link CompoundCluster}: resolves each step's target from the cluster's state, and records what it did. */
final class ScheduleRunner {
    /** A fault left open this many steps is repaired, so schedules keep moving. */
    private static final int MAX_OPEN_STEPS = 3;
    private final CompoundCluster nodes;
    private final Schedule schedule;
    private final boolean realCoordinatorRestart;
    /** Down or partitioned nodes, with the step that impaired them. */
    private final Map<String, Integer> impaired = new LinkedHashMap<>();

    ScheduleRunner(CompoundCluster nodes, Schedule schedule, boolean realCoordinatorRestart) {
        this.nodes = nodes;
        this.schedule = schedule;
        this.realCoordinatorRestart = realCoordinatorRestart;
    }

    void run() throws Exception {
        for (int i = 0; i < schedule.steps.size(); i++) {
            Schedule.Step step = schedule.steps.get(i);
            Thread.sleep(step.gap());
            String did;
            try {
                did = step(i, step);
            } catch (RuntimeException | java.io.IOException e) {
                did = step.kind() + " failed: " + e;
            }
            schedule.ran.add(did);
            for (Map.Entry<String, Integer> open : List.copyOf(impaired.entrySet())) {
                if (i - open.getValue() >= MAX_OPEN_STEPS) {
                    schedule.ran.add(repair(open.getKey()) + " (open " + MAX_OPEN_STEPS + " steps)");
                }
            }
        }
    }

    private String step(int index, Schedule.Step step) throws Exception {
        String writer = nodes.writer();
        List<String> healthyReplicas = CompoundCluster.REGIONS.stream()
                .filter(r -> !r.equals(writer) && nodes.up(r) && !impaired.containsKey(r)).toList();
        boolean canImpair = impaired.size() < 2;
        switch (step.kind()) {
            case KILL_WRITER, PARTITION_WRITER -> {
                if (writer == null || !canImpair || impaired.containsKey(writer)) {
                    return "skipped: no healthy writer to hit, or two nodes already impaired";
                }
                return impair(index, writer, step.kind() == Schedule.Kind.KILL_WRITER);
            }
            case KILL_REPLICA, PARTITION_REPLICA -> {
                if (healthyReplicas.isEmpty() || !canImpair) {
                    return "skipped: no healthy replica, or two nodes already impaired";
                }
                return impair(index, pick(healthyReplicas, step), step.kind() == Schedule.Kind.KILL_REPLICA);
            }
            case RESTART, HEAL -> {
                if (impaired.isEmpty()) {
                    return "skipped: nothing to repair";
                }
                return repair(pick(List.copyOf(impaired.keySet()), step));
            }
            case HEAL_THEN_KILL -> {
                return healThenKill(writer, step);
            }
            case COORDINATOR_RESTART -> {
                return nodes.restartCoordinator(Duration.ofMillis(500), realCoordinatorRestart);
            }
            case OPERATOR_FAILOVER -> {
                List<String> candidates = CompoundCluster.REGIONS.stream().filter(r -> !r.equals(writer) && nodes.up(r)).toList();
                if (candidates.isEmpty()) {
                    return "skipped: no running replica";
                }
                String target = pick(candidates, step);
                boolean force = step.force() && nodes.cluster.mode == ReplicationMode.SYNC;
                var answer = nodes.promote(target, 3000, force);
                return "operator promotes " + target + (force ? " with accept_data_loss" : "") + " (writer was " + writer + "): HTTP "
                        + answer.statusCode() + " " + abbreviate(answer.body());
            }
            case SWITCHOVER -> {
                if (writer == null || healthyReplicas.isEmpty() || impaired.containsKey(writer)) {
                    return "skipped: no healthy writer and replica for a switchover";
                }
                String target = pick(healthyReplicas, step);
                try {
                    nodes.cluster.servers.get(writer).node().switchover(target, Duration.ofSeconds(3));
                    return "switchover " + writer + " -> " + target + " (writer now " + nodes.writer() + ")";
                } catch (StoreException | IllegalStateException aborted) {
                    return "switchover " + writer + " -> " + target + " refused: " + aborted.getMessage();
                }
            }
            default -> throw new IllegalStateException(step.kind().toString());
        }
    }

    /** The case 1 as a step: heal a partitioned node and at once kill the current writer, before the healed one catches up. */
    private String healThenKill(String writer, Schedule.Step step) throws Exception {
        String stale;
        String prefix = "";
        List<String> partitionedNow = impaired.keySet().stream().filter(nodes.partitioned::contains).toList();
        if (!partitionedNow.isEmpty()) {
            stale = pick(partitionedNow, step);
        } else if (writer != null && impaired.isEmpty()) {
            nodes.partition(writer);
            stale = writer;
            Thread.sleep(1000 + step.hold()); // past the lease: another node takes over and acknowledges writes
            prefix = "partition writer " + stale + ", " + (1000 + step.hold()) + "ms; ";
        } else {
            return "skipped: no partitioned node and no healthy writer for a heal-then-kill";
        }
        String current = nodes.writer();
        nodes.heal(stale);
        impaired.remove(stale);
        if (current == null || current.equals(stale)) {
            return prefix + "heal " + stale + " (no other writer to kill: writer " + current + ")";
        }
        nodes.kill(current);
        impaired.put(current, schedule.ran.size());
        return prefix + "heal " + stale + " and at once kill writer " + current;
    }

    private String impair(int index, String region, boolean kill) {
        impaired.put(region, index);
        if (kill) {
            nodes.kill(region);
            return "kill " + region;
        }
        nodes.partition(region);
        return "partition " + region;
    }

    private String repair(String region) throws Exception {
        impaired.remove(region);
        String did = "";
        if (nodes.partitioned.contains(region)) {
            nodes.heal(region);
            did = "heal " + region;
        }
        if (!nodes.up(region)) {
            nodes.restart(region);
            did += (did.isEmpty() ? "" : ", ") + "restart " + region;
        }
        return did.isEmpty() ? "skipped: " + region + " was already repaired" : did;
    }

    private static String pick(List<String> candidates, Schedule.Step step) {
        return candidates.get(step.pick() % candidates.size());
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
