package io.pilotlight.store.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Backups of a store node: consistent RocksDB checkpoints in a backup directory (in a real
 * deployment, one replicated to another region), named {@code backup-TIME-INDEX}, and restoring
 * the latest one into an empty data directory.
 */
public final class Backups {
    private static final String PREFIX = "backup-";

    private Backups() {
    }

    /** Takes a backup of the node into the directory; returns its path. The name appears only once it is complete. */
    public static Path take(StoreNode node, Path backupDir, long nowMillis) {
        try {
            Files.createDirectories(backupDir);
            String name = String.format("%s%013d-%012d", PREFIX, nowMillis, node.status().lastIndex());
            Path partial = backupDir.resolve(".partial-" + name);
            node.store().checkpoint(partial);
            Path done = backupDir.resolve(name);
            Files.move(partial, done, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot back up to " + backupDir, e);
        }
    }

    public static Optional<Path> latest(Path backupDir) {
        if (!Files.isDirectory(backupDir)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(backupDir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)).max(Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the latest backup into {@code dataDir}, which must be empty or absent; returns the backup used. */
    public static Path restoreLatest(Path backupDir, Path dataDir) {
        Path backup = latest(backupDir).orElseThrow(() -> new IllegalStateException("no backup in " + backupDir));
        try {
            if (Files.isDirectory(dataDir)) {
                try (Stream<Path> existing = Files.list(dataDir)) {
                    if (existing.findAny().isPresent()) {
                        throw new IllegalStateException("refusing to restore into " + dataDir + ": it is not empty");
                    }
                }
            }
            Files.createDirectories(dataDir);
            Files.walkFileTree(backup, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    Files.createDirectories(dataDir.resolve(backup.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.copy(file, dataDir.resolve(backup.relativize(file).toString()));
                    return FileVisitResult.CONTINUE;
                }
            });
            return backup;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + backup + " into " + dataDir, e);
        }
    }
}
