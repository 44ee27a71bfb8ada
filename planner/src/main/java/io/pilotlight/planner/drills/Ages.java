package io.pilotlight.planner.drills;

import java.time.Duration;

/** How long ago, the way a person says it: {@code 31d}, {@code 5h}, {@code 12m}, {@code 40s}. */
public final class Ages {
    private Ages() {
    }

    public static String of(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds >= 86_400) {
            return seconds / 86_400 + "d";
        }
        if (seconds >= 3_600) {
            return seconds / 3_600 + "h";
        }
        if (seconds >= 60) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
