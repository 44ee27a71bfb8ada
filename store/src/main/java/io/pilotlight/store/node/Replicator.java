package io.pilotlight.store.node;

import io.pilotlight.store.coord.LeaseInfo;
import io.pilotlight.store.log.LogFrame;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import io.pilotlight.http.auth.ClientToken;
import io.pilotlight.http.tls.ClientTls;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A replica's two loops. The stream loop finds the writer through the coordinator, reconciles the
 * local log with the writer's epoch history (rolling back a divergent suffix into the ledger), then
 * reads the writer's log stream and applies each frame as it arrives, without waiting for the disk.
 * The sync loop fsyncs what was applied (at most every 5 ms, so one fsync covers many frames),
 * has the {@link ProgressReporter} report the synced index to the writer as durable, and asks the
 * coordinator every second whether
 * a newer epoch exists: then the stream from the deposed writer is cut. Frames from a writer with a
 * lower epoch than one already seen are refused.
 */
final class Replicator implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    /** The writer sends a heartbeat every 250 ms: 2 s of silence is a dead writer or link. */
    private static final int READ_TIMEOUT_MILLIS = 2_000;
    private static final long SYNC_INTERVAL_NANOS = 5_000_000;
    private static final long LEASE_CHECK_NANOS = 1_000_000_000;

    private final StoreNode node;
    private final HttpClient http = ClientTls.configure(HttpClient.newBuilder(), Duration.ofSeconds(1)).build();
    private final Thread streamThread;
    private final Thread syncThread;
    private final ProgressReporter reporter;
    private volatile boolean running = true;
    private volatile LogStream stream;
    private volatile String streamWriter;
    /** The coordinator is asked who the writer is at most every second, and after any error: not per frame. */
    private volatile LeaseInfo lease;
    private volatile long leaseAskedNanos;

    Replicator(StoreNode node) {
        this.node = node;
        this.reporter = new ProgressReporter(node.region(), () -> streamWriter, node::durableIndex, node::knownEpoch);
        this.streamThread = Thread.ofPlatform().daemon().name("replicator-" + node.region()).unstarted(this::streamLoop);
        this.syncThread = Thread.ofPlatform().daemon().name("replica-sync-" + node.region()).unstarted(this::syncLoop);
    }

    /** Starts following; called once the node has made this its replicator (it refuses calls from any other). */
    void start() {
        streamThread.start();
        syncThread.start();
    }

    private void streamLoop() {
        while (running) {
            try {
                LeaseInfo current = lease;
                if (current == null || System.nanoTime() - leaseAskedNanos > LEASE_CHECK_NANOS) {
                    current = askCoordinator();
                }
                if (!current.reachable() || !current.live() || current.holder() == null || current.holder().equals(node.region())) {
                    lease = null;
                    Thread.sleep(50);
                    continue;
                }
                String writer = node.peerUrl(current.holder());
                follow(writer, reconcile(writer, current.epoch()));
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                node.replicationError(e);
                lease = null;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private LeaseInfo askCoordinator() {
        LeaseInfo current = node.coordinator().current();
        leaseAskedNanos = System.nanoTime();
        if (current.live() && current.holder() != null) {
            node.learnEpoch(current.epoch(), current.holder());
        }
        lease = current;
        return current;
    }

    /**
     * Reconciles with the writer's epoch history, which must end in the epoch the coordinator granted
     * it (anything else is a stale or forged writer); returns that epoch.
     */
    private long reconcile(String writer, long grantedEpoch) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(ClientToken.sign(HttpRequest.newBuilder(URI.create(writer + "/epochs")))
                .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("writer " + writer + " answered " + response.statusCode() + " to /epochs");
        }
        EpochHistory history;
        try {
            history = EpochHistory.parse(response.body().trim());
        } catch (RuntimeException malformed) {
            throw new IOException("writer " + writer + " sent an unreadable epoch history: " + malformed.getMessage());
        }
        if (history.lastEpoch() != grantedEpoch) {
            throw new IOException("writer " + writer + " has epoch history ending at epoch " + history.lastEpoch()
                    + " but the coordinator granted epoch " + grantedEpoch + ": not following it");
        }
        node.reconcileWith(history, this);
        return grantedEpoch;
    }

    /** Reads the writer's stream until it ends (the writer stepped down, the link broke, or a newer epoch appeared). */
    private void follow(String writer, long reconciledEpoch) throws IOException {
        String query = "from=" + (node.store().lastIndex() + 1) + "&region=" + node.region() + "&epoch=" + node.knownEpoch()
                + "&durable=" + node.durableIndex();
        try (LogStream opened = LogStream.open(writer, query, CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS)) {
            if (opened.epoch() != reconciledEpoch) {
                throw new IOException("writer " + writer + " is at epoch " + opened.epoch() + ", its history said "
                        + reconciledEpoch + ": reconciling again");
            }
            stream = opened;
            streamWriter = writer;
            while (running) {
                LogFrame frame = opened.next();
                if (frame.epoch() != opened.epoch() || frame.epoch() < node.knownEpoch()) {
                    throw new IOException("refused log from " + writer + " at epoch " + frame.epoch() + " (stream epoch "
                            + opened.epoch() + ", known epoch " + node.knownEpoch() + ")");
                }
                node.applyReplicated(frame, this);
                LockSupport.unpark(syncThread);
            }
        } finally {
            stream = null;
            streamWriter = null;
        }
    }

    private void syncLoop() {
        long lastSync = System.nanoTime() - SYNC_INTERVAL_NANOS;
        long reported = -1;
        while (running) {
            try {
                if (node.durableIndex() >= node.store().lastIndex()) {
                    LockSupport.parkNanos(LEASE_CHECK_NANOS / 4);
                }
                long sinceSync = System.nanoTime() - lastSync;
                if (sinceSync < SYNC_INTERVAL_NANOS) {
                    LockSupport.parkNanos(SYNC_INTERVAL_NANOS - sinceSync); // frames arriving meanwhile share the fsync
                }
                if (!running) {
                    return;
                }
                lastSync = System.nanoTime();
                long durable = node.syncApplied();
                if (durable != reported) {
                    reported = durable;
                    reporter.changed();
                }
                if (System.nanoTime() - leaseAskedNanos > LEASE_CHECK_NANOS) {
                    cutIfDeposed();
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                node.replicationError(e);
                LockSupport.parkNanos(100_000_000);
            }
        }
    }

    /** Tells a writer the replica's durable index and newest epoch once, outside the reporter (which follows the stream). */
    private java.util.concurrent.CompletableFuture<HttpResponse<Void>> report(String writer, long durable) {
        URI uri = URI.create(writer + "/log-ack?region=" + node.region() + "&epoch=" + node.knownEpoch() + "&durable=" + durable);
        return http.sendAsync(ClientToken.sign(HttpRequest.newBuilder(uri)).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
    }

    /**
     * A newer epoch at the coordinator means the writer being followed is deposed: stop reading it,
     * and tell it the new epoch (a writer that somehow still believes in its lease steps down on hearing it).
     */
    private void cutIfDeposed() {
        LogStream current = stream;
        String writer = streamWriter;
        LeaseInfo seen = askCoordinator();
        if (current != null && seen.epoch() > current.epoch()) {
            node.learnEpoch(seen.epoch(), null);
            current.close();
            if (writer != null) {
                report(writer, node.durableIndex());
            }
        }
    }

    /** Whether a writer's log stream is open now (a replica that is not streaming has lag figures that are only as of its last frame). */
    boolean streaming() {
        return stream != null;
    }

    /** Drops the current stream: the stream loop reconnects, to the writer's address as the peer book has it now. */
    void reconnect() {
        LogStream current = stream;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void close() {
        running = false;
        LogStream current = stream;
        if (current != null) {
            current.close();
        }
        streamThread.interrupt();
        syncThread.interrupt(); // it may be waiting for the coordinator: a promotion must not wait for that
        LockSupport.unpark(syncThread);
        reporter.close();
        try {
            // short: a thread still running afterwards is refused by the node (it is no longer its replicator), and a
            // promotion that waited here would let the lease it was just granted run out
            streamThread.join(200);
            syncThread.join(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
