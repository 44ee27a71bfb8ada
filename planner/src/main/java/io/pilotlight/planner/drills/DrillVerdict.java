package io.pilotlight.planner.drills;

import java.util.Locale;

/**
 * How a drill ended: the objectives met, missed, or the drill could not measure: an error (the lab did
 * not start or never got ready, a crash) or an interruption (Ctrl-C, SIGTERM) before it finished.
 */
public enum DrillVerdict {
    MET,
    MISSED,
    ERROR,
    INTERRUPTED;

    /** As written in the history and printed: {@code met}, {@code missed}, {@code error}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value and what is allowed */
    public static DrillVerdict of(String text) {
        for (DrillVerdict verdict : values()) {
            if (verdict.wireName().equals(text)) {
                return verdict;
            }
        }
        throw new IllegalArgumentException("verdict \"" + text + "\" is not allowed; expected met, missed, error or interrupted");
    }
}
