package io.pilotlight.store.node;

import io.pilotlight.store.ReplicationMode;
import io.pilotlight.store.StoreException;
import io.pilotlight.store.VersionMismatchException;
import io.pilotlight.store.log.LogEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The writer's commit loop: takes every write waiting, checks conditions in order, appends them as
 * one batch with a single fsync (group commit), then acknowledges them, at once in async mode or
 * once a replica has them durable in sync mode. Runs only while the node is the writer.
 */
final class GroupCommitter implements AutoCloseable {
    private static final int MAX_BATCH = 2_000;

    private final RocksStore store;
    private final long epoch;
    private final WriterGate gate;
    private final RpoGuard guard;
    private final ReplicaTracker tracker;
    private final ReplicationMode mode;
    private final Duration guardTimeout;
    private final Clock clock;
    private final Runnable appended;
    private final BlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
    private final SyncAcker acker;
    private final Thread thread;
    private volatile boolean running = true;
    /** Held while a batch is checked and appended, so a switchover can wait for the one in flight. */
    private final Object appending = new Object();

    GroupCommitter(RocksStore store, long epoch, WriterGate gate, RpoGuard guard, ReplicaTracker tracker, ReplicationMode mode,
                   Duration guardTimeout, Clock clock, Runnable appended) {
        this.store = store;
        this.epoch = epoch;
        this.gate = gate;
        this.guard = guard;
        this.tracker = tracker;
        this.mode = mode;
        this.guardTimeout = guardTimeout;
        this.clock = clock;
        this.appended = appended;
        this.acker = mode == ReplicationMode.SYNC ? new SyncAcker(tracker, gate, guardTimeout) : null;
        this.thread = Thread.ofPlatform().name("group-commit").start(this::loop);
    }

    void submit(PendingWrite write) {
        if (!running) {
            write.done().completeExceptionally(gate.refusal() != null ? gate.refusal() : new StoreException("the writer is stopping"));
            return;
        }
        queue.add(write);
    }

    private void loop() {
        List<PendingWrite> batch = new ArrayList<>();
        while (running) {
            try {
                PendingWrite first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                batch.forEach(w -> w.done().completeExceptionally(e));
            }
        }
        List<PendingWrite> left = new ArrayList<>();
        queue.drainTo(left);
        RuntimeException why = gate.refusal() != null ? gate.refusal() : new StoreException("the writer stopped");
        left.forEach(w -> w.done().completeExceptionally(why));
    }

    private void commit(List<PendingWrite> batch) throws InterruptedException {
        RuntimeException refused = gate.refusal();
        if (refused == null) {
            refused = guard.awaitWithinBound(guardTimeout);
        }
        if (refused != null) {
            for (PendingWrite write : batch) {
                write.done().completeExceptionally(refused);
            }
            return;
        }
        List<LogEntry> entries = new ArrayList<>(batch.size());
        List<PendingWrite> accepted = new ArrayList<>(batch.size());
        synchronized (appending) {
            RuntimeException fenced = gate.refusal(); // again: a switchover may have fenced writes during the guard's wait
            if (fenced != null) {
                batch.forEach(write -> write.done().completeExceptionally(fenced));
                return;
            }
            long index = store.lastIndex();
            long now = clock.millis();
            Map<String, Long> versions = new HashMap<>();
            for (PendingWrite write : batch) {
                if (write.ifVersion() != null) {
                    long current = versions.computeIfAbsent(write.key(), k -> {
                        StoredValue stored = store.get(k);
                        return stored == null ? 0L : stored.version();
                    });
                    if (current != write.ifVersion()) {
                        write.done().completeExceptionally(new VersionMismatchException(current, write.ifVersion()));
                        continue;
                    }
                }
                index++;
                versions.put(write.key(), write.value() == null ? 0L : index);
                entries.add(new LogEntry(index, epoch, now, write.key(), write.value()));
                accepted.add(write);
            }
            store.append(entries, true);
            appended.run();
        }
        if (mode == ReplicationMode.SYNC) {
            acker.add(entries, accepted);
            return;
        }
        RuntimeException lost = gate.refusal(); // the lease may have lapsed during the fsync: then do not acknowledge
        for (int i = 0; i < accepted.size(); i++) {
            if (lost != null) {
                accepted.get(i).done().completeExceptionally(lost);
            } else {
                accepted.get(i).done().complete(new WriteResult(entries.get(i).index(), epoch, entries.get(i).commitTime()));
            }
        }
    }

    /** Waits for a batch being appended: after a fence, the log's last index no longer moves once this returns. */
    void awaitAppending() {
        synchronized (appending) {
            // nothing: holding the lock once is the wait
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (acker != null) {
            acker.close();
        }
    }

}
