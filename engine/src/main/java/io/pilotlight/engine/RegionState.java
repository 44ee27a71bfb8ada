package io.pilotlight.engine;

import java.time.Instant;

/**
 * One region's copy of a data store as its engine reports it.
 *
 * @param epoch        the writer generation this copy is in (-1 when unknown)
 * @param durable      how far its durable log reaches
 * @param lag          behind its writer (zero for a writer)
 * @param leaseValid   a writer holds a valid lease (single writer); false otherwise
 * @param lastContact  when a replica last heard from its writer; null when never or not applicable
 * @param promotable   it may promote itself (auto-failover on)
 * @param lostWrites   entries in its lost-writes ledger
 * @param detail       the engine's own words on this copy: its last decision, its last error, or why it is unreachable
 */
public record RegionState(String region, ReplicaRole role, long epoch, Position durable, Lag lag, boolean leaseValid,
                          Instant lastContact, boolean promotable, int lostWrites, String detail) {

    public static RegionState unreachable(String region, String why) {
        return new RegionState(region, ReplicaRole.UNREACHABLE, -1, Position.NONE, Lag.UNKNOWN, false, null, false, 0, why);
    }

    public boolean reachable() {
        return role != ReplicaRole.UNREACHABLE;
    }

    /** Takes writes now: a writer holding its lease, or an active region of a multi-active engine. */
    public boolean servesWrites() {
        return (role == ReplicaRole.WRITER && leaseValid) || role == ReplicaRole.ACTIVE;
    }
}
