package io.pilotlight.orchestrator.runbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Which steps of a runbook are done, one file per runbook, written atomically (temp file, fsync, rename) after each step. */
final class FileProgressStore implements ProgressStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    FileProgressStore(Path dir) {
        this.dir = dir;
    }

    private Path file(String runbookId) {
        return dir.resolve(runbookId + ".progress.json");
    }

    @Override
    public synchronized Set<Integer> done(String runbookId) {
        Path file = file(runbookId);
        Set<Integer> done = new TreeSet<>();
        if (Files.exists(file)) {
            try {
                JSON.readTree(file.toFile()).path("done").forEach(n -> done.add(n.asInt()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read runbook progress " + file + "; fix or remove it", e);
            }
        }
        return done;
    }

    @Override
    public synchronized void markDone(String runbookId, int step) {
        Set<Integer> done = done(runbookId);
        done.add(step);
        Path file = file(runbookId);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(Map.of("done", done))));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save runbook progress to " + file, e);
        }
    }

    @Override
    public synchronized void clear(String runbookId) {
        try {
            Files.deleteIfExists(file(runbookId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
