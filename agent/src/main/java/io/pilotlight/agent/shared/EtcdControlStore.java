package io.pilotlight.agent.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotlight.agent.etcd.EtcdKv;
import io.pilotlight.agent.etcd.EtcdUnreachableException;
import io.pilotlight.dns.control.ControlDocument;
import io.pilotlight.dns.control.ControlState;
import io.pilotlight.dns.control.ControlStore;
import io.pilotlight.dns.control.ControlStoreUnavailableException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Routing-control state that every region's DNS server shares: one JSON document (the file format)
 * under {@value #KEY}, versioned by its etcd mod revision and written with compare-and-swap on it,
 * so two agents' changes never overwrite each other and each change is decided on the latest state
 * (see {@code RoutingControls}). Servers look for others' changes every {@code refreshInterval}.
 *
 * <p>When etcd does not answer, a change is refused ("etcd unreachable; routing unchanged") and the
 * DNS servers keep answering from the last state they read. A copy of that state is kept in a
 * local file, so an agent that restarts while etcd is unreachable still starts from it.
 */
public final class EtcdControlStore implements ControlStore {
    /** The key, relative to the deployment prefix. */
    public static final String KEY = "routing/controls";
    private static final System.Logger LOG = System.getLogger("io.pilotlight.agent.shared");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EtcdKv kv;
    private final Path lastKnownFile;
    private final Duration refreshInterval;
    private long savedVersion = -1;

    /**
     * @param lastKnownFile where the last state read from etcd is kept for a start without etcd, or {@code null} for none
     * @param refreshInterval how often DNS servers look for other agents' changes, e.g. 250 ms
     */
    public EtcdControlStore(EtcdKv kv, Path lastKnownFile, Duration refreshInterval) {
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refresh interval " + refreshInterval + "; allowed: a positive duration, e.g. 250ms");
        }
        this.kv = kv;
        this.lastKnownFile = lastKnownFile;
        this.refreshInterval = refreshInterval;
    }

    @Override
    public Snapshot load() {
        Optional<EtcdKv.Entry> entry;
        try {
            entry = kv.get(KEY);
        } catch (EtcdUnreachableException e) {
            throw unavailable(e);
        }
        Snapshot snapshot = entry.map(e -> new Snapshot(ControlDocument.decode(e.value().getBytes(StandardCharsets.UTF_8),
                "etcd key " + KEY), e.modRevision())).orElseGet(() -> new Snapshot(Map.of(), 0));
        remember(snapshot);
        return snapshot;
    }

    @Override
    public Optional<Snapshot> save(Map<String, ControlState> states, long expectedVersion) {
        OptionalLong written;
        try {
            written = kv.putIfUnchanged(KEY, new String(ControlDocument.encode(states), StandardCharsets.UTF_8), expectedVersion);
        } catch (EtcdUnreachableException e) {
            throw unavailable(e);
        }
        if (written.isEmpty()) {
            return Optional.empty();
        }
        Snapshot snapshot = new Snapshot(states, written.getAsLong());
        remember(snapshot);
        return Optional.of(snapshot);
    }

    @Override
    public Optional<Snapshot> lastKnown() {
        if (lastKnownFile == null || !Files.exists(lastKnownFile)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(lastKnownFile);
            long version = JSON.readTree(bytes).path("mod_revision").asLong(0);
            return Optional.of(new Snapshot(ControlDocument.decode(bytes, lastKnownFile.toString()), version));
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "the last known routing control state " + lastKnownFile + " cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Duration refreshInterval() {
        return refreshInterval;
    }

    private static ControlStoreUnavailableException unavailable(EtcdUnreachableException e) {
        return new ControlStoreUnavailableException("etcd unreachable; routing unchanged (" + e.getMessage()
                + "); DNS answers keep the last known state; try again when etcd answers", e);
    }

    /** Keeps a copy for a start without etcd; a failure to write it costs nothing now, so it is only logged. */
    private synchronized void remember(Snapshot snapshot) {
        if (lastKnownFile == null || snapshot.version() == savedVersion) {
            return;
        }
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(ControlDocument.encode(snapshot.states()));
            root.put("mod_revision", snapshot.version());
            Files.createDirectories(lastKnownFile.toAbsolutePath().getParent());
            Path temp = lastKnownFile.resolveSibling(lastKnownFile.getFileName() + ".tmp");
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(temp, lastKnownFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            savedVersion = snapshot.version();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot keep the last known routing control state in " + lastKnownFile + ": " + e.getMessage());
        }
    }
}
