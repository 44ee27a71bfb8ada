package io.pilotlight.dns.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * Control states on disk, written atomically (temp file, fsync, rename) so a crash never leaves half
 * a file; in memory only without a file. One server writes it, so the version is a counter of this
 * process's saves.
 */
final class FileControlStore implements ControlStore {
    private final Path file;
    private Map<String, ControlState> memory = Map.of();
    private long version;

    FileControlStore(Path file) {
        this.file = file;
    }

    @Override
    public synchronized Snapshot load() {
        if (file == null || !Files.exists(file)) {
            return new Snapshot(memory, version);
        }
        try {
            return new Snapshot(ControlDocument.decode(Files.readAllBytes(file), file.toString()), version);
        } catch (IOException e) {
            throw new IllegalStateException("routing control state " + file + " cannot be read: " + e.getMessage()
                    + "; fix or remove the file (every control then starts on)", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + "; fix or remove the file (every control then starts on)", e);
        }
    }

    @Override
    public synchronized Optional<Snapshot> save(Map<String, ControlState> states, long expectedVersion) {
        if (expectedVersion != version) {
            return Optional.empty();
        }
        if (file == null) {
            memory = Map.copyOf(states);
        } else {
            write(states);
        }
        version++;
        return Optional.of(new Snapshot(states, version));
    }

    private void write(Map<String, ControlState> states) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(ControlDocument.encode(states)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save routing control state to " + file, e);
        }
    }
}
