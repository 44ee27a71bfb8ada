package io.pilotlight.faults;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Everything a {@link FaultyProxy} does to its traffic, as one immutable value validated here
 * (and in {@link LinkFaults}). Switch faults at run time with {@link FaultyProxy#faults(Faults)}.
 *
 * @param upstream          faults of bytes from client to upstream
 * @param downstream        faults of bytes from upstream to client
 * @param refuseConnections reset every new connection as soon as it is accepted (no upstream
 *                          connection is made); without it, connections accepted during a
 *                          partition stay open with nothing flowing, like a real black hole
 * @param resetProbability  probability, 0 to 1, that a new connection is reset as soon as it is
 *                          accepted; drawn from the proxy's seeded random source
 */
public record Faults(LinkFaults upstream, LinkFaults downstream, boolean refuseConnections, double resetProbability) {
    /** No faults at all. */
    public static final Faults NONE = new Faults(LinkFaults.NONE, LinkFaults.NONE, false, 0.0);

    public Faults {
        Require.nonNull("upstream", upstream);
        Require.nonNull("downstream", downstream);
        Require.between("resetProbability", resetProbability, 0.0, 1.0);
    }

    /** No faults at all. */
    public static Faults none() {
        return NONE;
    }

    /** The faults of one direction. */
    public LinkFaults link(Direction direction) {
        return direction == Direction.UPSTREAM ? upstream : downstream;
    }

    /** The same faults with one direction replaced. */
    public Faults with(Direction direction, LinkFaults link) {
        return direction == Direction.UPSTREAM
                ? new Faults(link, downstream, refuseConnections, resetProbability)
                : new Faults(upstream, link, refuseConnections, resetProbability);
    }

    /** The same faults with one direction changed; an invalid change names the direction, e.g. {@code upstream.jitter}. */
    public Faults with(Direction direction, UnaryOperator<LinkFaults> change) {
        try {
            return with(direction, change.apply(link(direction)));
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException(direction.label() + "." + invalid.getMessage(), invalid);
        }
    }

    /** The same faults with both directions changed alike. */
    public Faults withBoth(UnaryOperator<LinkFaults> change) {
        return with(Direction.UPSTREAM, change).with(Direction.DOWNSTREAM, change);
    }

    /** Latency added each way (a round trip gets twice this), no jitter. */
    public Faults withLatency(Duration oneWay) {
        return withBoth(link -> link.withLatency(oneWay));
    }

    /** Latency and jitter added each way. */
    public Faults withLatency(Duration oneWay, Duration jitter) {
        return withBoth(link -> link.withLatency(oneWay, jitter));
    }

    /** The same bandwidth cap each way ({@link LinkFaults#NO_CAP} for none). */
    public Faults withBandwidth(long bytesPerSecond) {
        return withBoth(link -> link.withBandwidth(bytesPerSecond));
    }

    /** A one-way partition: bytes going {@code direction} do not get through; the other way still flows. */
    public Faults partitioned(Direction direction, Partition mode) {
        return with(direction, link -> link.withPartition(mode));
    }

    /** A two-way partition. */
    public Faults partitioned(Partition mode) {
        return withBoth(link -> link.withPartition(mode));
    }

    /** The same faults with every partition healed (latency and caps stay). */
    public Faults healed() {
        return partitioned(Partition.NONE);
    }

    /** The same faults, refusing (or accepting again) new connections. */
    public Faults refusingConnections(boolean refuse) {
        return new Faults(upstream, downstream, refuse, resetProbability);
    }

    /** The same faults with another probability of resetting each new connection. */
    public Faults withResetProbability(double probability) {
        return new Faults(upstream, downstream, refuseConnections, probability);
    }

    /** Short human description for logs and reports. */
    public String describe() {
        if (equals(NONE)) {
            return "no faults";
        }
        StringBuilder text = new StringBuilder("upstream ").append(upstream.describe())
                .append("; downstream ").append(downstream.describe());
        if (refuseConnections) {
            text.append("; refusing new connections");
        }
        if (resetProbability > 0) {
            text.append("; resetting new connections with p=").append(resetProbability);
        }
        return text.toString();
    }
}
