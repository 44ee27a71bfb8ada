package io.pilotlight.drill;

import java.util.OptionalLong;

/**
 * A change that counts only once it has lasted: a series of observations (time, changed or not)
 * yields the start of the first run of "changed" that lasted at least {@code lasting} ms. A
 * one-query blip, such as DNS answering an empty standby for an instant, never counts.
 */
final class LastingChange {
    private final long lastingMillis;
    private long since = -1;

    LastingChange(long lastingMillis) {
        this.lastingMillis = lastingMillis;
    }

    /** Records one observation; the start of the run once it has lasted long enough, else empty. */
    OptionalLong observe(long atMillis, boolean changed) {
        if (!changed) {
            since = -1;
            return OptionalLong.empty();
        }
        if (since < 0) {
            since = atMillis;
        }
        return atMillis - since >= lastingMillis ? OptionalLong.of(since) : OptionalLong.empty();
    }
}
