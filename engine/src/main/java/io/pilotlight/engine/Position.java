package io.pilotlight.engine;

import java.util.Comparator;

/**
 * How far a copy's durable log reaches, comparable across the copies of one engine: the epoch (a
 * generation of writers; PostgreSQL's timeline) first, then the index within it (an entry count;
 * PostgreSQL's LSN as a number).
 *
 * @param text the engine's own spelling, for people (e.g. "epoch 3, index 1201", "0/3000060")
 */
public record Position(long epoch, long index, String text) implements Comparable<Position> {
    public static final Position NONE = new Position(-1, -1, "none");
    private static final Comparator<Position> ORDER = Comparator.comparingLong(Position::epoch).thenComparingLong(Position::index);

    public static Position of(long epoch, long index) {
        return new Position(epoch, index, "epoch " + epoch + ", index " + index);
    }

    @Override
    public int compareTo(Position other) {
        return ORDER.compare(this, other);
    }

    public boolean isAhead(Position other) {
        return compareTo(other) > 0;
    }
}
