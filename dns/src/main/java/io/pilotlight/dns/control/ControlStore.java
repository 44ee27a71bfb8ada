package io.pilotlight.dns.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where routing-control state lives: a file for one DNS server (the default), or a store several
 * servers share (the agents' etcd), so a change made through any of them reaches all. Every
 * stored document has a version; a write names the version it was decided on and is refused when
 * someone else wrote first, so two servers' changes never overwrite each other and safety rules
 * are always checked against the latest state.
 *
 * <p>Every method may throw {@link ControlStoreUnavailableException} when the store does not answer;
 * nothing was written then.
 */
public interface ControlStore {
    /** The stored states (every control the store knows, even ones this server does not) and their version. */
    record Snapshot(Map<String, ControlState> states, long version) {
        public Snapshot {
            states = Map.copyOf(states);
        }
    }

    /** The states as stored now; an empty snapshot when nothing was ever stored. */
    Snapshot load();

    /**
     * Stores {@code states} only if the stored version is still {@code expectedVersion}.
     *
     * @return the stored snapshot, or empty when another writer changed the state since (read again and decide again)
     */
    Optional<Snapshot> save(Map<String, ControlState> states, long expectedVersion);

    /** The stored states if their version is no longer {@code version}; empty when nothing changed. */
    default Optional<Snapshot> changedSince(long version) {
        Snapshot now = load();
        return now.version() == version ? Optional.empty() : Optional.of(now);
    }

    /**
     * What to serve when the store does not answer as a server starts: the last state this machine
     * saw, if it kept one. Empty means there is nothing safe to start from.
     */
    default Optional<Snapshot> lastKnown() {
        return Optional.empty();
    }

    /**
     * How often a server should look for changes others made; {@link Duration#ZERO} when only this
     * server writes (the file store).
     */
    default Duration refreshInterval() {
        return Duration.ZERO;
    }

    /** The state in a file (written atomically), or in memory only when {@code file} is {@code null}. */
    static ControlStore file(Path file) {
        return new FileControlStore(file);
    }
}
