package io.pilotlight.health;

/**
 * Route 53's rule, as a pure function: {@code failure_threshold} consecutive results are needed to
 * change the verdict, both ways. From UNKNOWN the first run of that many identical results decides;
 * results that alternate leave the verdict where it is.
 */
final class ThresholdMachine {
    private ThresholdMachine() {
    }

    static Step next(ThresholdState state, boolean healthy, int threshold) {
        int streak = state.streak() > 0 && state.lastHealthy() == healthy ? state.streak() + 1 : 1;
        HealthStatus target = healthy ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY;
        boolean changes = state.status() != target && streak >= threshold;
        ThresholdState next = new ThresholdState(changes ? target : state.status(), healthy, streak);
        return new Step(next, changes, reason(state.status(), target, streak, threshold, changes));
    }

    private static String reason(HealthStatus from, HealthStatus target, int streak, int threshold, boolean changes) {
        String run = runOf(streak, target == HealthStatus.HEALTHY);
        if (changes) {
            return run + " (threshold " + threshold + ")" + (from == HealthStatus.UNKNOWN ? ": first verdict" : "");
        }
        if (from == target) {
            return "still " + name(target) + " (" + run + ")";
        }
        return run + " of " + threshold + " needed to turn " + name(target) + "; still " + name(from);
    }

    static String runOf(int streak, boolean healthy) {
        String noun = healthy ? (streak == 1 ? "success" : "successes") : (streak == 1 ? "failure" : "failures");
        return streak + " consecutive " + noun;
    }

    static String name(HealthStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
