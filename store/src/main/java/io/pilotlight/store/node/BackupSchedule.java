package io.pilotlight.store.node;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** Takes a backup every interval while the node is the writer (a replica's copy would be the same data, later). */
public final class BackupSchedule implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    public BackupSchedule(StoreNode node, Path backupDir, Duration interval, Clock clock, Consumer<String> log) {
        this.thread = Thread.ofPlatform().daemon().name("backups").start(() -> {
            while (running) {
                try {
                    Thread.sleep(interval.toMillis());
                    if (node.role() == Role.WRITER) {
                        log.accept("backup taken: " + Backups.take(node, backupDir, clock.millis()));
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.accept("backup failed: " + e.getMessage());
                }
            }
        });
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
