package io.pilotlight.faults;

import java.time.Duration;

/**
 * The faults of one direction of a link, validated here and nowhere else.
 *
 * @param latency        added delay of every chunk of bytes, from the moment the proxy reads it;
 *                       0 to 60 s
 * @param jitter         each chunk's delay is {@code latency ± jitter}, drawn uniformly from the
 *                       proxy's seeded random source; byte order is always kept, so a chunk never
 *                       overtakes the one before it; 0 to {@code latency}
 * @param bytesPerSecond bandwidth cap of this direction, shared by all connections of the proxy
 *                       (a token bucket with 50 ms of burst); {@link #NO_CAP} (0) for none
 * @param partition      whether bytes get through, and what happens to those that do not
 */
public record LinkFaults(Duration latency, Duration jitter, long bytesPerSecond, Partition partition) {
    /** {@link #bytesPerSecond()} value meaning "no bandwidth cap". */
    public static final long NO_CAP = 0;
    /** Largest latency accepted; anything slower is better modelled as a partition. */
    public static final Duration MAX_LATENCY = Duration.ofSeconds(60);
    /** A clean direction: no delay, no cap, no partition. */
    public static final LinkFaults NONE = new LinkFaults(Duration.ZERO, Duration.ZERO, NO_CAP, Partition.NONE);

    public LinkFaults {
        Require.between("latency", latency, Duration.ZERO, MAX_LATENCY);
        Require.nonNull("jitter", jitter);
        if (jitter.isNegative() || jitter.compareTo(latency) > 0) {
            throw new IllegalArgumentException("jitter = " + Require.millis(jitter) + " is out of range; allowed: 0 ms to the latency ("
                    + Require.millis(latency) + "), since a chunk cannot arrive before it was sent");
        }
        Require.atLeast("bytesPerSecond", bytesPerSecond, 0, " (0 means no cap)");
        Require.nonNull("partition", partition);
    }

    /** The same faults with another latency and no jitter. */
    public LinkFaults withLatency(Duration latency) {
        return new LinkFaults(latency, Duration.ZERO, bytesPerSecond, partition);
    }

    /** The same faults with another latency and jitter. */
    public LinkFaults withLatency(Duration latency, Duration jitter) {
        return new LinkFaults(latency, jitter, bytesPerSecond, partition);
    }

    /** The same faults with another bandwidth cap ({@link #NO_CAP} for none). */
    public LinkFaults withBandwidth(long bytesPerSecond) {
        return new LinkFaults(latency, jitter, bytesPerSecond, partition);
    }

    /** The same faults with another partition mode. */
    public LinkFaults withPartition(Partition partition) {
        return new LinkFaults(latency, jitter, bytesPerSecond, partition);
    }

    /** True when this direction has a bandwidth cap. */
    public boolean capped() {
        return bytesPerSecond != NO_CAP;
    }

    /** Short human description, e.g. {@code "20 ms ± 5 ms, 1048576 B/s, partition DROP"}. */
    public String describe() {
        if (equals(NONE)) {
            return "clean";
        }
        StringBuilder text = new StringBuilder(Require.millis(latency));
        if (!jitter.isZero()) {
            text.append(" ± ").append(Require.millis(jitter));
        }
        if (capped()) {
            text.append(", ").append(bytesPerSecond).append(" B/s");
        }
        if (partition.blocks()) {
            text.append(", partition ").append(partition);
        }
        return text.toString();
    }
}
