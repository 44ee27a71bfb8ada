package io.pilotlight.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One data store of a topology, whatever runs it: the seam between the orchestrator (runbooks, the
 * controller), the drill, and an engine (the embedded store today; PostgreSQL, a multi-active
 * global table and object replication behind the same calls). Results are typed, never string
 * keys; an engine's wire format stays inside its adapter.
 *
 * <p>Operations an engine does not support throw {@link UnsupportedOperationException} naming the
 * engine and the operation; callers check {@link #capabilities()} first.
 */
public interface DataStoreEngine extends AutoCloseable {

    /** The data store's name in the topology. */
    String name();

    /** The engine's name as the topology spells it (embedded, postgres, ...). */
    String engine();

    EngineKind kind();

    Set<Capability> capabilities();

    /** The regions holding a copy, in the topology's order. */
    List<String> regions();

    /** One region's copy now; never throws: a copy that does not answer is {@link ReplicaRole#UNREACHABLE} with the reason. */
    RegionState state(String region);

    /** Every region's copy now. */
    default Map<String, RegionState> states() {
        Map<String, RegionState> states = new LinkedHashMap<>();
        for (String region : regions()) {
            states.put(region, state(region));
        }
        return states;
    }

    /** The region whose copy takes writes now (single writer: holding its lease), if any. */
    default Optional<String> writer() {
        return states().values().stream().filter(s -> s.role() == ReplicaRole.WRITER && s.leaseValid()).map(RegionState::region)
                .findFirst();
    }

    /**
     * Makes {@code region} the writer after a failure: waits up to {@code waitForOldLease} for the old writer's lease to
     * lapse (no promotion is possible before it must have), and refuses with {@link WouldLoseWritesException} when another
     * copy may hold acknowledged writes this one lacks, unless {@code acceptDataLoss}.
     */
    Handover promote(String region, Duration waitForOldLease, boolean acceptDataLoss) throws EngineException;

    /** Planned handover, RPO 0: the writer stops taking writes, {@code to} catches up, then takes over; the old writer follows it. */
    Handover switchover(String to, Duration timeout) throws EngineException;

    /**
     * Makes sure {@code region}'s old writer takes no more writes: says how (its lease lapses, it was stopped, it still
     * answers and will hand over by switchover).
     */
    String fence(String region) throws EngineException;

    /** Makes a former writer follow the current writer again, rolling back what the new writer lacks into its ledger. */
    String rejoin(String region) throws EngineException;

    /** The writes {@code region}'s copy rolled back when it rejoined a newer writer (its lost-writes ledger). */
    List<LostWrite> lostWrites(String region) throws EngineException;

    /** Takes a consistent backup of {@code region}'s copy into {@code directory}; returns where it went. */
    Path backup(String region, Path directory) throws EngineException;

    /** Brings {@code region}'s copy up from the latest backup (backup and restore) and makes it the writer. */
    String restoreLatest(String region, Duration waitForOldLease) throws EngineException;

    /** Writes one probe through the current writer (what a drill checks afterwards); returns where it landed. */
    Position writeProbe(String key, String value) throws EngineException;

    /** The current writer's values of {@code keys}; a missing key is absent from the map. */
    Map<String, String> readBack(Collection<String> keys) throws EngineException;

    @Override
    default void close() {
    }
}
