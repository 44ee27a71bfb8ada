package io.pilotlight.orchestrator.runbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;

/** Which steps of a runbook are done, on disk, written atomically after each step. */
final class RunbookProgress {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Set<Integer> done = new TreeSet<>();

    RunbookProgress(Path dir, String runbookId) {
        this.file = dir.resolve(runbookId + ".progress.json");
        if (Files.exists(file)) {
            try {
                JSON.readTree(file.toFile()).path("done").forEach(n -> done.add(n.asInt()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read runbook progress " + file + "; fix or remove it", e);
            }
        }
    }

    boolean isDone(int step) {
        return done.contains(step);
    }

    boolean started() {
        return !done.isEmpty();
    }

    void markDone(int step) {
        done.add(step);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(java.util.Map.of("done", done))));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save runbook progress to " + file, e);
        }
    }

    void clear() {
        done.clear();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
