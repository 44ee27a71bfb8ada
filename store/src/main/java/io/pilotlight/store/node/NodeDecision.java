package io.pilotlight.store.node;

import io.pilotlight.store.ReplicationMode;
import io.pilotlight.store.coord.LeaseInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a store node does about its role, decided from one snapshot of what it knows: keep going,
 * step down, take back its own lapsed lease, promote itself, or wait, always with the reason in plain
 * words (logged when it changes and served on {@code /status}). No I/O and no clock of its own, so
 * every rule is a unit test.
 *
 * <p>The rules: a writer whose lease lapsed steps down. A replica acts only when the coordinator
 * answers and the lease is free. Among replicas the most advanced wins, by (last epoch, last index),
 * ties to the smaller region name; a node defers to a more advanced peer that can promote itself. In
 * sync mode a node promotes only when it can show it holds every acknowledged write: every node
 * except the last writer answered and none is further ahead.
 */
final class NodeDecision {
    enum Action { STAY, STEP_DOWN, RECLAIM, PROMOTE, WAIT }

    record Decision(Action action, String reason) {
    }

    /** Another node as this one sees it; {@code position} null when it did not answer. */
    record PeerView(String region, LogPosition position, boolean promotable) {
        boolean reachable() {
            return position != null;
        }
    }

    /**
     * @param leaseValid     on a writer: its lease keeper still vouches for the lease
     * @param lapsedForMillis how long the coordinator's lease has been seen lapsed by this node
     * @param peers          the other nodes (empty when not probed: only needed once the lease is free)
     */
    record Snapshot(String region, Role role, boolean leaseValid, long knownEpoch, LeaseInfo lease,
                    boolean autoFailover, boolean initialWriter, ReplicationMode mode, LogPosition mine, List<PeerView> peers,
                    long lapsedForMillis, long leaseMillis) {
        Snapshot withPeers(List<PeerView> seen) {
            return new Snapshot(region, role, leaseValid, knownEpoch, lease, autoFailover, initialWriter, mode, mine, seen,
                    lapsedForMillis, leaseMillis);
        }
    }

    private NodeDecision() {
    }

    /** Whether the replica side needs to know its peers' positions to decide (the lease is free and it may act). */
    static boolean needsPeers(Snapshot s) {
        return s.role() == Role.REPLICA && s.lease().reachable() && !s.lease().live() && (s.autoFailover() || freshInitialWriter(s));
    }

    /** The initial writer of a deployment that has never written, on a coordinator that remembers an older one. */
    private static boolean freshInitialWriter(Snapshot s) {
        return s.initialWriter() && s.knownEpoch() == 0 && s.mine().equals(LogPosition.EMPTY) && s.lease().epoch() > 0;
    }

    static Decision decide(Snapshot s) {
        return s.role() == Role.WRITER ? asWriter(s) : asReplica(s);
    }

    private static Decision asWriter(Snapshot s) {
        if (!s.leaseValid()) {
            return new Decision(Action.STEP_DOWN, "the writer's lease of epoch " + s.knownEpoch()
                    + " was not renewed in time: stop acknowledging writes (fenced)");
        }
        if (s.lease().reachable() && s.lease().epoch() > s.knownEpoch()) {
            return new Decision(Action.STEP_DOWN, "the coordinator granted epoch " + s.lease().epoch() + " to " + s.lease().holder()
                    + ": this writer of epoch " + s.knownEpoch() + " is deposed");
        }
        return new Decision(Action.STAY, "writer at epoch " + s.knownEpoch() + ", lease valid");
    }

    private static Decision asReplica(Snapshot s) {
        LeaseInfo lease = s.lease();
        if (!lease.reachable()) {
            return wait("the coordinator does not answer: this node cannot be granted a lease");
        }
        if (lease.live()) {
            if (s.region().equals(lease.holder()) && lease.epoch() >= s.knownEpoch() && lease.epoch() > 0) {
                return new Decision(Action.RECLAIM, "the coordinator still has this node's lease of epoch " + lease.epoch()
                        + " (this node restarted, or stepped down before the lease ran out there): nobody else can have written since, take it back");
            }
            return new Decision(Action.STAY, "following " + lease.holder() + " at epoch " + lease.epoch());
        }
        if (lease.successor() != null) {
            return lease.successor().equals(s.region())
                    ? new Decision(Action.PROMOTE, "a switchover handed the lease to this node")
                    : wait("a switchover handed the lease to " + lease.successor() + "; only it may take it");
        }
        if (canReclaim(s)) {
            return new Decision(Action.RECLAIM, "this node's lease of epoch " + lease.epoch()
                    + " lapsed and nobody took it since (a stalled renewal, or a restart): its log is the newest, take the lease back");
        }
        if (lease.epoch() == 0 && s.knownEpoch() == 0) {
            return s.initialWriter() ? new Decision(Action.PROMOTE, "the deployment never had a writer: this is the initial writer")
                    : wait("the deployment never had a writer: the initial writer starts it");
        }
        if (freshInitialWriter(s) && !s.peers().isEmpty() && s.peers().stream().allMatch(p -> LogPosition.EMPTY.equals(p.position()))) {
            return new Decision(Action.PROMOTE, "every node is empty (a new deployment on a coordinator that remembers epoch "
                    + lease.epoch() + "): nothing can be lost, so the initial writer starts it");
        }
        if (!s.autoFailover()) {
            return wait("the lease of epoch " + lease.epoch() + " lapsed; auto-failover is off here: an operator promotes"
                    + " (pilotlight store failover)");
        }
        return asCandidate(s);
    }

    private static Decision asCandidate(Snapshot s) {
        String oldWriter = s.lease().holder();
        List<PeerView> ahead = s.peers().stream().filter(PeerView::reachable).filter(p -> isAhead(p, s))
                .sorted(Comparator.comparing(PeerView::position).reversed()).toList();
        List<PeerView> aheadAndAble = ahead.stream().filter(PeerView::promotable).toList();
        if (!aheadAndAble.isEmpty()) {
            PeerView best = aheadAndAble.get(0);
            return wait(best.region() + " is further ahead (" + best.position() + " vs " + s.mine() + ") and can promote itself");
        }
        if (s.mode() == ReplicationMode.SYNC) {
            String risk = syncRisk(s.mine(), s.peers(), oldWriter);
            if (risk != null) {
                return wait(risk);
            }
        } else if (!ahead.isEmpty() && s.lapsedForMillis() < s.leaseMillis()) {
            return wait(names(ahead) + " is further ahead but cannot promote itself; waiting one lease before taking over");
        }
        String beyond = ahead.isEmpty() ? "" : "; " + names(ahead) + " is further ahead but cannot promote itself: its writes past "
                + s.mine() + " will go to its lost-writes ledger";
        return new Decision(Action.PROMOTE, "the lease of epoch " + s.lease().epoch() + (oldWriter == null ? "" : " (" + oldWriter + ")")
                + " lapsed; this node is the most advanced that can promote (" + s.mine() + ")" + beyond);
    }

    /**
     * Why promoting a node at {@code mine} could lose acknowledged sync-mode writes, or null when it
     * cannot: a sync-mode write was acknowledged once a replica had it, so every node but the old
     * writer must have answered and none may be further ahead (the old writer's own extra entries
     * were never acknowledged).
     */
    static String syncRisk(LogPosition mine, List<PeerView> peers, String oldWriter) {
        List<PeerView> strictlyAhead = peers.stream().filter(PeerView::reachable)
                .filter(p -> p.position().isAfter(mine) && !p.region().equals(oldWriter)).toList();
        if (!strictlyAhead.isEmpty()) {
            return "sync mode: " + names(strictlyAhead) + " holds writes this node lacks (" + strictlyAhead.get(0).position()
                    + " vs " + mine + "); promoting here could lose acknowledged writes";
        }
        List<String> silent = peers.stream().filter(p -> !p.reachable() && !p.region().equals(oldWriter)).map(PeerView::region).toList();
        if (!silent.isEmpty()) {
            return "sync mode: " + String.join(", ", silent) + " did not answer; it may hold acknowledged writes this node lacks,"
                    + " so only it may promote (or an operator, accepting the loss)";
        }
        return null;
    }

    /**
     * The coordinator's last grant went to this node at the epoch it knows: no other writer existed
     * since, so nothing can be newer than this node's log, whether the lease lapsed in a pause or
     * while the node was down.
     */
    static boolean canReclaim(Snapshot s) {
        return s.lease().reachable() && s.lease().epoch() > 0 && s.region().equals(s.lease().holder())
                && s.lease().epoch() == s.knownEpoch() && s.lease().successor() == null;
    }

    /** A peer outranks this node with a further log, or the same position and a smaller region name. */
    static boolean isAhead(PeerView peer, Snapshot s) {
        int order = peer.position().compareTo(s.mine());
        return order > 0 || (order == 0 && peer.region().compareTo(s.region()) < 0);
    }

    private static String names(List<PeerView> peers) {
        return peers.stream().map(PeerView::region).collect(Collectors.joining(", "));
    }

    private static Decision wait(String reason) {
        return new Decision(Action.WAIT, reason);
    }
}
