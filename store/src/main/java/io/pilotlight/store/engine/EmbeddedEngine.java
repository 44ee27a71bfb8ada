package io.pilotlight.store.engine;

import io.pilotlight.engine.Capability;
import io.pilotlight.engine.DataStoreEngine;
import io.pilotlight.engine.EngineException;
import io.pilotlight.engine.EngineFactory;
import io.pilotlight.engine.EngineKind;
import io.pilotlight.engine.Handover;
import io.pilotlight.engine.Lag;
import io.pilotlight.engine.LostWrite;
import io.pilotlight.engine.Position;
import io.pilotlight.engine.RegionState;
import io.pilotlight.engine.ReplicaRole;
import io.pilotlight.engine.WouldLoseWritesException;
import io.pilotlight.store.admin.StoreAdminClient;
import io.pilotlight.store.node.NodeStatus;
import io.pilotlight.store.node.PromotionReport;
import io.pilotlight.store.node.Role;
import io.pilotlight.store.node.SwitchoverReport;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded store behind the engine seam: one store node per region, reached through its typed
 * admin client. Leases, fencing, fork detection and the lost-writes ledger are the nodes' own; this
 * adapter only asks them.
 */
public final class EmbeddedEngine implements DataStoreEngine {
    /** How long a rejoining node or a restored node may take to show itself. */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final String name;
    private final DataStore spec;
    private final Map<String, StoreAdminClient> nodes = new LinkedHashMap<>();
    private final EngineFactory.Restorer restorer;

    public EmbeddedEngine(String name, DataStore spec, Map<String, String> urls, EngineFactory.Restorer restorer) {
        this.name = name;
        this.spec = spec;
        this.restorer = restorer;
        urls.forEach((region, url) -> nodes.put(region, new StoreAdminClient(url)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String engine() {
        return "embedded";
    }

    @Override
    public EngineKind kind() {
        return EngineKind.SINGLE_WRITER;
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> all = EnumSet.of(Capability.PROMOTE, Capability.SWITCHOVER, Capability.FENCE, Capability.REJOIN,
                Capability.LOST_WRITES_LEDGER, Capability.BACKUP, Capability.PROBE_WRITES);
        if (restorer != null) {
            all.add(Capability.RESTORE);
        }
        return all;
    }

    @Override
    public List<String> regions() {
        return List.copyOf(nodes.keySet());
    }

    @Override
    public RegionState state(String region) {
        Optional<NodeStatus> status = node(region).status();
        if (status.isEmpty()) {
            return RegionState.unreachable(region, region + "'s store node does not answer at " + node(region).baseUrl());
        }
        NodeStatus s = status.get();
        // a writer whose lease lapsed (or that fenced itself) refuses writes until it renews its lease or rejoins
        ReplicaRole role = s.role() != Role.WRITER ? ReplicaRole.REPLICA
                : s.leaseValid() && !s.fenced() ? ReplicaRole.WRITER : ReplicaRole.FENCED;
        Lag lag = s.role() == Role.WRITER ? Lag.NONE : new Lag(s.lagEntries(), s.lagMillis());
        Instant contact = s.lastContactMillis() > 0 ? Instant.ofEpochMilli(s.lastContactMillis()) : null;
        String detail = s.lastError() != null && !s.lastError().isEmpty() ? s.lastError() : s.decision();
        return new RegionState(region, role, s.epoch(), Position.of(s.lastEpoch(), s.lastIndex()), lag, s.leaseValid(), contact,
                s.promotable(), s.lostWrites(), detail);
    }

    @Override
    public Handover promote(String region, Duration waitForOldLease, boolean acceptDataLoss) throws EngineException {
        RegionState state = state(region);
        if (state.role() == ReplicaRole.WRITER) {
            return new Handover(region, state.epoch(), Duration.ZERO, region + " is already the writer at epoch " + state.epoch());
        }
        try {
            PromotionReport report = node(region).promote(waitForOldLease, acceptDataLoss);
            return new Handover(region, report.epoch(), Duration.ofMillis(report.waitedMillis()), report.summary());
        } catch (StoreAdminClient.WouldLoseWrites refused) {
            throw new WouldLoseWritesException(refused.getMessage());
        } catch (IOException e) {
            throw new EngineException("promoting " + region + "'s store node failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Handover switchover(String to, Duration timeout) throws EngineException {
        for (String region : nodes.keySet()) {
            RegionState state = state(region);
            if (state.role() != ReplicaRole.WRITER) {
                continue;
            }
            if (region.equals(to)) {
                return new Handover(to, state.epoch(), Duration.ZERO, to + " is already the writer");
            }
            try {
                SwitchoverReport report = node(region).switchover(to, timeout);
                return new Handover(to, report.newEpoch(), Duration.ofMillis(report.writeGapMillis()), report.summary());
            } catch (IOException e) {
                throw new EngineException("switchover from " + region + " to " + to + " failed: " + e.getMessage(), e);
            }
        }
        throw new EngineException("no store node of " + name + " is the writer; cannot switch over to " + to);
    }

    /** A node cannot be told to stop writing: its lease fences it, or, while it still answers, it hands over by switchover. */
    @Override
    public String fence(String region) {
        RegionState state = state(region);
        if (state.servesWrites()) {
            return region + "'s writer still answers: the next step hands over by switchover (RPO 0)";
        }
        return region + "'s writer is unreachable or no longer holds its lease: its lease (" + spec.lease().toMillis()
                + "ms) fences it; the promotion waits for it to lapse";
    }

    /** A node rejoins by itself once it hears a newer writer; this waits until it follows the writer's epoch. */
    @Override
    public String rejoin(String region) throws EngineException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> writer = writer();
            RegionState state = state(region);
            if (writer.isPresent() && state.role() == ReplicaRole.REPLICA && state.epoch() == state(writer.get()).epoch()) {
                return region + " follows " + writer.get() + " at epoch " + state.epoch() + "; its ledger holds " + state.lostWrites()
                        + " rolled-back writes";
            }
            pause();
        }
        throw new EngineException(region + "'s store node did not rejoin the writer within " + SETTLE.toSeconds() + "s");
    }

    @Override
    public List<LostWrite> lostWrites(String region) throws EngineException {
        try {
            List<LostWrite> out = new ArrayList<>();
            for (io.pilotlight.store.node.LostWrite lost : node(region).lostWrites()) {
                out.add(new LostWrite(name, lost.key(), lost.value() == null ? "delete" : "put", lost.value(),
                        Position.of(lost.epoch(), lost.index()), Instant.ofEpochMilli(lost.ackTime())));
            }
            return out;
        } catch (IOException e) {
            throw new EngineException("reading " + region + "'s lost-writes ledger failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Path backup(String region, Path directory) throws EngineException {
        try {
            return node(region).backup(directory);
        } catch (IOException e) {
            throw new EngineException("backing up " + region + "'s store node failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String restoreLatest(String region, Duration waitForOldLease) throws EngineException {
        if (state(region).role() == ReplicaRole.WRITER) {
            return region + " already serves " + name + " as writer";
        }
        if (restorer == null || spec.kind() != DataStoreKind.BACKUP && spec.kind() != DataStoreKind.GLOBAL_DATABASE) {
            throw new UnsupportedOperationException("restoring " + name + " is not automated here (no restorer was given);"
                    + " restore it by hand, then run the runbook again to continue");
        }
        String started;
        try {
            started = restorer.startFromLatestBackup(name, region);
        } catch (Exception e) {
            throw new EngineException("restoring the latest backup of " + name + " in " + region + " failed: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!state(region).reachable()) {
            if (System.nanoTime() > deadline) {
                throw new EngineException("the restored store node in " + region + " did not start within " + SETTLE.toSeconds() + "s");
            }
            pause();
        }
        return started + "; " + promote(region, waitForOldLease, false).summary();
    }

    @Override
    public Position writeProbe(String key, String value) throws EngineException {
        String writer = writer().orElseThrow(() -> new EngineException("no store node of " + name + " is the writer; cannot write " + key));
        try {
            StoreAdminClient.Written written = node(writer).put(key, value);
            return Position.of(written.epoch(), written.version());
        } catch (IOException e) {
            throw new EngineException("writing " + key + " through " + writer + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> readBack(Collection<String> keys) throws EngineException {
        String writer = writer().orElseThrow(() -> new EngineException("no store node of " + name + " is the writer; cannot read back"));
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String key : keys) {
                node(writer).get(key).ifPresent(value -> values.put(key, value));
            }
        } catch (IOException e) {
            throw new EngineException("reading back from " + writer + " failed: " + e.getMessage(), e);
        }
        return values;
    }

    private StoreAdminClient node(String region) {
        StoreAdminClient node = nodes.get(region);
        if (node == null) {
            throw new IllegalArgumentException("\"" + region + "\" is not a region of data store " + name + "; regions: " + nodes.keySet());
        }
        return node;
    }

    private static void pause() throws EngineException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
    }
}
