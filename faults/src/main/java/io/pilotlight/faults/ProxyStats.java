package io.pilotlight.faults;

/**
 * Counters of a {@link FaultyProxy} since it started; a snapshot, not live.
 *
 * @param connectionsAccepted    connections the proxy accepted from clients
 * @param connectionsOpen        connections open right now
 * @param connectionsRefused     new connections reset because {@link Faults#refuseConnections()} was on
 * @param connectionsReset       connections the proxy reset: by {@link FaultyProxy#resetAll()} or
 *                               by {@link Faults#resetProbability()}
 * @param upstreamConnectFailures accepted connections reset because the upstream could not be reached
 * @param upstreamBytes          bytes delivered from clients to the upstream
 * @param downstreamBytes        bytes delivered from the upstream to clients
 * @param upstreamDroppedBytes   client bytes swallowed by a {@link Partition#DROP} partition
 * @param downstreamDroppedBytes upstream bytes swallowed by a {@link Partition#DROP} partition
 */
public record ProxyStats(long connectionsAccepted, long connectionsOpen, long connectionsRefused, long connectionsReset,
                         long upstreamConnectFailures, long upstreamBytes, long downstreamBytes,
                         long upstreamDroppedBytes, long downstreamDroppedBytes) {
    /** Bytes delivered in one direction. */
    public long bytes(Direction direction) {
        return direction == Direction.UPSTREAM ? upstreamBytes : downstreamBytes;
    }

    /** Bytes dropped by partitions in one direction. */
    public long droppedBytes(Direction direction) {
        return direction == Direction.UPSTREAM ? upstreamDroppedBytes : downstreamDroppedBytes;
    }
}
