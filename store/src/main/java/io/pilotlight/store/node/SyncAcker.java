package io.pilotlight.store.node;

import io.pilotlight.store.StoreException;
import io.pilotlight.store.log.LogEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sync mode: acknowledges a committed batch only once a replica reports it durable, so the writer
 * keeps committing the next batches meanwhile. A batch no replica confirms within the timeout is
 * refused: it is durable on the writer only, and the client was not told it succeeded.
 */
final class SyncAcker implements AutoCloseable {
    private record Batch(List<LogEntry> entries, List<PendingWrite> writes) {
    }

    private final ReplicaTracker tracker;
    private final WriterGate gate;
    private final Duration timeout;
    private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    SyncAcker(ReplicaTracker tracker, WriterGate gate, Duration timeout) {
        this.tracker = tracker;
        this.gate = gate;
        this.timeout = timeout;
        this.thread = Thread.ofPlatform().name("sync-ack").start(this::loop);
    }

    void add(List<LogEntry> entries, List<PendingWrite> writes) {
        queue.add(new Batch(List.copyOf(entries), List.copyOf(writes)));
    }

    private void loop() {
        while (running) {
            try {
                Batch batch = queue.poll(100, TimeUnit.MILLISECONDS);
                if (batch == null || batch.entries().isEmpty()) {
                    continue;
                }
                long last = batch.entries().get(batch.entries().size() - 1).index();
                boolean durable = tracker.awaitDurable(null, last, timeout.toMillis());
                RuntimeException refused = durable ? gate.refusal()
                        : new StoreException("sync replication: no replica made index " + last + " durable within "
                                + timeout.toMillis() + "ms; the write is NOT acknowledged (it may survive only on this writer)");
                for (int i = 0; i < batch.writes().size(); i++) {
                    LogEntry entry = batch.entries().get(i);
                    if (refused != null) {
                        batch.writes().get(i).done().completeExceptionally(refused);
                    } else {
                        batch.writes().get(i).done().complete(new WriteResult(entry.index(), entry.epoch(), System.currentTimeMillis()));
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Batch left;
        while ((left = queue.poll()) != null) {
            left.writes().forEach(w -> w.done().completeExceptionally(new StoreException("the writer stopped before a replica confirmed")));
        }
    }
}
