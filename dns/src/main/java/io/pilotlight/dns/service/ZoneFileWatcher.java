package io.pilotlight.dns.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.function.Supplier;

/** Reloads when the topology file's modification time or size changes (polling: works on every filesystem). */
final class ZoneFileWatcher implements AutoCloseable {
    private final Path file;
    private final Thread thread;
    private volatile boolean running = true;
    private FileTime lastModified;
    private long lastSize;

    ZoneFileWatcher(Path file, Duration interval, Supplier<ReloadResult> reload) {
        this.file = file;
        remember();
        this.thread = Thread.ofPlatform().daemon().name("dns-file-watch").start(() -> {
            while (running) {
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                if (changed()) {
                    ReloadResult result = reload.get();
                    System.err.println("pilotlight dns: " + result.summary());
                    result.problems().forEach(p -> System.err.println("  " + p));
                }
            }
        });
    }

    private void remember() {
        try {
            lastModified = Files.getLastModifiedTime(file);
            lastSize = Files.size(file);
        } catch (IOException e) {
            lastModified = null;
        }
    }

    private boolean changed() {
        FileTime before = lastModified;
        long sizeBefore = lastSize;
        remember();
        return lastModified != null && (!lastModified.equals(before) || lastSize != sizeBefore);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
