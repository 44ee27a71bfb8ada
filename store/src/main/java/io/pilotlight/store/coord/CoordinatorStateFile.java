package io.pilotlight.store.coord;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The coordinator's epoch and holder on disk: written to a temporary file, fsynced, then renamed over the old one. */
final class CoordinatorStateFile {
    record State(@JsonProperty("epoch") long epoch, @JsonProperty("holder") String holder,
                 @JsonProperty("ttl_ms") long ttlMillis, @JsonProperty("released") boolean released) {
    }

    /** Strict: a field missing or mistyped is an unreadable file, never epoch 0 (which would let epochs repeat). */
    private static final ObjectMapper JSON = io.pilotlight.store.StrictJson.mapper();
    private final Path path;

    CoordinatorStateFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    State load() {
        if (!Files.exists(path)) {
            return null;
        }
        try {
            State state = JSON.readValue(path.toFile(), State.class);
            if (state == null || state.epoch() < 0 || state.ttlMillis() < 0) {
                throw new IOException(state == null ? "it holds null" : "a negative epoch or ttl_ms");
            }
            return state;
        } catch (IOException e) {
            throw new IllegalArgumentException("coordinator state file " + path + " is unreadable (" + e.getMessage()
                    + "); it holds the last epoch granted: restore it from a copy rather than deleting it, or epochs could repeat");
        }
    }

    void save(State state) {
        try {
            Files.createDirectories(path.getParent());
            Path temp = path.resolveSibling(path.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(JSON.writeValueAsBytes(state)));
                out.force(true);
            }
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the coordinator's state to " + path + ": " + e.getMessage(), e);
        }
    }
}
