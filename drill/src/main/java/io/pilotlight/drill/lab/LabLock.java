package io.pilotlight.drill.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One lab per state directory: the supervisor holds an exclusive lock on {@code lab.lock} for its
 * whole life (the kernel releases it when the process dies, however it dies), so a second
 * {@code lab up} on the same directory is refused at once instead of fighting the first one's
 * ports, RocksDB locks and pid file.
 */
public final class LabLock implements AutoCloseable {
    public static final String NAME = "lab.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private LabLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the directory's lock, or explains who holds it. */
    public static LabLock take(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        FileChannel channel = FileChannel.open(stateDir.resolve(NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            String holder = LabFile.running(stateDir).map(lab -> " (supervisor " + lab.supervisorIdentity().describe() + ")").orElse("");
            throw new LabBusyException("a lab is already running in " + stateDir.toAbsolutePath() + holder
                    + "; stop it first: pilotlight lab down --state-dir " + stateDir);
        }
        return new LabLock(channel, lock);
    }

    /** Whether some process holds the directory's lock now (a running lab), without taking it. */
    public static boolean held(Path stateDir) {
        if (!Files.exists(stateDir.resolve(NAME))) {
            return false;
        }
        try (LabLock probe = take(stateDir)) {
            return false;
        } catch (LabBusyException busy) {
            return true;
        } catch (IOException unreadable) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }

    /** The state directory is in use by a running lab. */
    public static final class LabBusyException extends IOException {
        public LabBusyException(String message) {
            super(message);
        }
    }
}
