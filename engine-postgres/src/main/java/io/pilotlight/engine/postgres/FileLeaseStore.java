package io.pilotlight.engine.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The writer lease in a JSON file, changed under a file lock and replaced atomically: one machine's
 * processes share it (the lab, tests). Time comes from the injected clock.
 */
final class FileLeaseStore implements LeaseStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One monitor per lease file in this JVM: a file lock is per process, and a second channel locking it here would throw. */
    private static final java.util.concurrent.ConcurrentMap<Path, Object> MONITORS = new java.util.concurrent.ConcurrentHashMap<>();
    private final Path file;
    private final Clock clock;

    FileLeaseStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public WriterLease current() throws IOException {
        if (!Files.exists(file)) {
            return WriterLease.NONE;
        }
        JsonNode node = JSON.readTree(file.toFile());
        return new WriterLease(node.path("holder").asText(""), node.path("epoch").asLong(0),
                Instant.ofEpochMilli(node.path("expiresMillis").asLong(0)));
    }

    @Override
    public boolean acquire(String region, long epoch, Duration ttl) throws IOException {
        return change(current -> !current.live(clock.instant()) && epoch > current.epoch() ? new WriterLease(region, epoch, until(ttl)) : null);
    }

    @Override
    public boolean renew(String region, long epoch, Duration ttl) throws IOException {
        return change(current -> current.heldBy(region, clock.instant()) && current.epoch() == epoch ? new WriterLease(region, epoch, until(ttl))
                : null);
    }

    @Override
    public boolean transfer(String from, String to, long epoch, Duration ttl) throws IOException {
        return change(current -> current.heldBy(from, clock.instant()) && epoch > current.epoch() ? new WriterLease(to, epoch, until(ttl))
                : null);
    }

    private Instant until(Duration ttl) {
        return clock.instant().plus(ttl);
    }

    private interface Change {
        WriterLease next(WriterLease current);
    }

    private boolean change(Change change) throws IOException {
        synchronized (MONITORS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object())) {
            return changeLocked(change);
        }
    }

    private boolean changeLocked(Change change) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            WriterLease next = change.next(current());
            if (next == null) {
                return false;
            }
            ObjectNode node = JSON.createObjectNode().put("holder", next.holder()).put("epoch", next.epoch())
                    .put("expiresMillis", next.expires().toEpochMilli()).put("expires", next.expires().toString());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(node));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
    }
}
