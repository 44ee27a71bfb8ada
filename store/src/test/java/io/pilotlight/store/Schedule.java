package io.pilotlight.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A compound fault schedule drawn from a seed. Every step draws the same numbers whatever the
 * cluster's state, so a seed always gives the same list of steps; which node a step hits ("the
 * writer", "a replica") is resolved when it runs, and recorded in {@link #ran}.
 */
final class Schedule {
    enum Kind { KILL_WRITER, KILL_REPLICA, RESTART, PARTITION_WRITER, PARTITION_REPLICA, HEAL, HEAL_THEN_KILL, COORDINATOR_RESTART,
        OPERATOR_FAILOVER, SWITCHOVER }

    /**
     * @param pick  which node among the candidates, modulo their number
     * @param gap   milliseconds before the step
     * @param hold  milliseconds a fault lasts where the step waits (heal-then-kill, a blackout)
     * @param force an operator failover with accept_data_loss=true
     */
    record Step(Kind kind, int pick, long gap, long hold, boolean force) {
        @Override
        public String toString() {
            return kind + "(pick " + pick + ", after " + gap + "ms, hold " + hold + "ms" + (force && kind == Kind.OPERATOR_FAILOVER ? ", accept_data_loss in sync mode" : "") + ")";
        }
    }

    /** Relative weights of the kinds, in declaration order. */
    private static final int[] WEIGHTS = {3, 2, 2, 3, 2, 2, 3, 1, 2, 2};

    final long seed;
    final ReplicationMode mode;
    final List<Step> steps;
    final List<String> ran = new ArrayList<>();

    private Schedule(long seed, ReplicationMode mode, List<Step> steps) {
        this.seed = seed;
        this.mode = mode;
        this.steps = List.copyOf(steps);
    }

    static Schedule draw(long seed, ReplicationMode mode, int count) {
        Random random = new Random(seed);
        int total = java.util.Arrays.stream(WEIGHTS).sum();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int roll = random.nextInt(total);
            int kind = 0;
            while (roll >= WEIGHTS[kind]) {
                roll -= WEIGHTS[kind++];
            }
            steps.add(new Step(Kind.values()[kind], random.nextInt(1000), 200 + random.nextInt(700), 300 + random.nextInt(900),
                    random.nextInt(4) == 0));
        }
        return new Schedule(seed, mode, steps);
    }

    /** Faults injected (steps that did something). */
    long faults() {
        return ran.stream().filter(line -> !line.contains("skipped")).count();
    }

    String describe() {
        StringBuilder out = new StringBuilder("seed " + seed + " (" + mode + "; replay: PILOTLIGHT_CHAOS_SEED=" + seed
                + " PILOTLIGHT_CHAOS_MODE=" + mode.name().toLowerCase() + ")");
        for (int i = 0; i < steps.size(); i++) {
            out.append("\n  ").append(i + 1).append(". ").append(steps.get(i)).append(" -> ").append(i < ran.size() ? ran.get(i) : "not run");
        }
        for (int i = steps.size(); i < ran.size(); i++) {
            out.append("\n  then: ").append(ran.get(i));
        }
        return out.toString();
    }
}
