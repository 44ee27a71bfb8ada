package io.pilotlight.faults;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A timed list of fault changes, usually drawn at random from a seed: the same seed and spec give
 * the same schedule, so a failing run is replayed from the seed it prints.
 *
 * <pre>{@code
 * FaultSchedule schedule = FaultSchedule.random(seed, ScheduleSpec.of(Duration.ofSeconds(10)));
 * schedule.replay(proxy);   // blocks for 10 s, ends with no faults
 * }</pre>
 *
 * @param seed  the seed it was drawn from (0 for a hand-written schedule)
 * @param steps changes in time order
 */
public record FaultSchedule(long seed, List<Step> steps) {
    /**
     * One change.
     *
     * @param at               offset from the start of the replay
     * @param faults           the faults in force from then on (replacing the previous ones)
     * @param resetConnections also reset every open connection at that moment
     */
    public record Step(Duration at, Faults faults, boolean resetConnections) {
        public Step {
            Require.between("at", at, Duration.ZERO, Duration.ofDays(365));
            Require.nonNull("faults", faults);
        }

        /** E.g. {@code "+1.250s upstream clean; downstream clean, partition DROP"}. */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "+%.3fs %s%s", at.toNanos() / 1e9, faults.describe(),
                    resetConnections ? "; reset connections" : "");
        }
    }

    /** Waits until a step is due. */
    @FunctionalInterface
    public interface Pacer {
        void awaitOffset(Duration at) throws InterruptedException;

        /** Real time, counted from this call. */
        static Pacer startingNow() {
            long start = System.nanoTime();
            return at -> {
                long wait = start + at.toNanos() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
            };
        }
    }

    public FaultSchedule {
        steps = List.copyOf(Require.nonNull("steps", steps));
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).at().compareTo(steps.get(i - 1).at()) < 0) {
                throw new IllegalArgumentException("steps[" + i + "].at = " + Require.millis(steps.get(i).at())
                        + " is out of range; allowed: at or after steps[" + (i - 1) + "].at = " + Require.millis(steps.get(i - 1).at()));
            }
        }
    }

    /** A random schedule: {@code spec.changes()} changes at random offsets, then no faults at {@code spec.length()}. */
    public static FaultSchedule random(long seed, ScheduleSpec spec) {
        return new FaultSchedule(seed, ScheduleGenerator.generate(seed, spec));
    }

    /** When the last step happens. */
    public Duration length() {
        return steps.isEmpty() ? Duration.ZERO : steps.getLast().at();
    }

    /** Applies every step to {@code target} at its offset from now, in real time; blocks until the last one. */
    public void replay(FaultTarget target) throws InterruptedException {
        replay(target, Pacer.startingNow());
    }

    /** Applies every step to {@code target}, waiting for each with {@code pacer}. */
    public void replay(FaultTarget target, Pacer pacer) throws InterruptedException {
        for (Step step : steps) {
            pacer.awaitOffset(step.at());
            target.faults(step.faults());
            if (step.resetConnections()) {
                target.resetAll();
            }
        }
    }

    /** The seed and one line per step, for a failure message. */
    public String describe() {
        return "fault schedule from seed " + seed + ":\n" + steps.stream().map(step -> "  " + step.describe())
                .collect(Collectors.joining("\n"));
    }
}
