package io.pilotlight.engine;

/**
 * How far a copy trails its writer, in entries (or bytes, for engines that count bytes) and in time.
 * {@code -1} is unknown; a writer's lag is zero.
 */
public record Lag(long entries, long millis) {
    public static final Lag NONE = new Lag(0, 0);
    public static final Lag UNKNOWN = new Lag(-1, -1);

    public boolean known() {
        return millis >= 0;
    }
}
