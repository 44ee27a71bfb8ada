package io.pilotlight.orchestrator.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/** What the controller must remember across restarts: the region now serving and when it last failed over. */
final class ControllerState implements PrimaryRecord {
    private final Path file;
    private String primary;
    private Instant lastFailover;

    ControllerState(Path dir, String initialPrimary) {
        this.file = dir.resolve("controller.json");
        this.primary = initialPrimary;
        refresh();
    }

    /** Re-reads the file, so a running controller sees a failover an operator ran by hand. */
    @Override
    public synchronized void refresh() {
        if (Files.exists(file)) {
            try {
                Facts facts = Facts.parse(Files.readAllBytes(file), primary);
                primary = facts.primary();
                lastFailover = facts.lastFailover();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + "; fix or remove it", e);
            }
        }
    }

    @Override
    public String primary() {
        return primary;
    }

    @Override
    public Instant lastFailover() {
        return lastFailover;
    }

    @Override
    public synchronized void failedOver(String newPrimary, Instant at) {
        primary = newPrimary;
        lastFailover = at;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling("controller.json.tmp");
            Files.write(temp, new Facts(primary, at).toJson());
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file, e);
        }
    }
}
