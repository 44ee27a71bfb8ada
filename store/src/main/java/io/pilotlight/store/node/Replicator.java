package io.pilotlight.store.node;

import io.pilotlight.store.log.LogCodec;
import io.pilotlight.store.log.LogEntry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A replica's loop: find the writer through the coordinator, reconcile the local log with the
 * writer's epoch history (rolling back a divergent suffix into the ledger), then long-poll the
 * writer's log, applying and fsyncing each batch before asking for the next (which reports it
 * durable). Responses from a writer with a lower epoch than one already seen are refused.
 */
final class Replicator implements AutoCloseable {
    private static final int BATCH = 2_000;
    private static final long WAIT_MILLIS = 500;

    private final StoreNode node;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Thread thread;
    private volatile boolean running = true;
    private long reconciledEpoch = -1;
    /** The coordinator is asked who the writer is at most every second, and after any error: not on every pull. */
    private io.pilotlight.store.coord.LeaseInfo lease;
    private long leaseAskedNanos;

    Replicator(StoreNode node) {
        this.node = node;
        this.thread = Thread.ofPlatform().daemon().name("replicator-" + node.region()).start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                if (lease == null || System.nanoTime() - leaseAskedNanos > 1_000_000_000L) {
                    lease = node.coordinator().current();
                    leaseAskedNanos = System.nanoTime();
                }
                if (!lease.live() || lease.holder() == null || lease.holder().equals(node.region())) {
                    lease = null;
                    Thread.sleep(50);
                    continue;
                }
                node.learnEpoch(lease.epoch(), lease.holder());
                String writer = node.peerUrl(lease.holder());
                if (reconciledEpoch != lease.epoch()) {
                    reconcile(writer);
                    reconciledEpoch = lease.epoch();
                }
                pull(writer);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                node.replicationError(e);
                reconciledEpoch = -1;
                lease = null;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void reconcile(String writer) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(writer + "/epochs"))
                .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("writer " + writer + " answered " + response.statusCode() + " to /epochs");
        }
        node.reconcileWith(EpochHistory.parse(response.body().trim()));
    }

    private void pull(String writer) throws IOException, InterruptedException {
        long applied = node.store().lastIndex();
        // a short wait while the last batch is not yet synced, so the sync (and its report) comes soon
        long wait = node.durableIndex() < applied ? 5 : WAIT_MILLIS;
        URI uri = URI.create(writer + "/log?from=" + (applied + 1) + "&max=" + BATCH + "&wait_ms=" + wait
                + "&region=" + node.region() + "&epoch=" + node.knownEpoch() + "&durable=" + node.durableIndex());
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis(WAIT_MILLIS + 2_000)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("writer " + writer + " answered " + response.statusCode() + " to /log");
        }
        long writerEpoch = Long.parseLong(response.headers().firstValue("X-Epoch").orElse("0"));
        long writerLast = Long.parseLong(response.headers().firstValue("X-Last-Index").orElse("0"));
        List<LogEntry> entries;
        try (var body = response.body()) {
            entries = LogCodec.readAll(body);
        }
        if (writerEpoch < node.knownEpoch()) {
            throw new IOException("refused log from " + writer + " at epoch " + writerEpoch + " < known epoch " + node.knownEpoch());
        }
        node.applyReplicated(entries, writerLast, writerEpoch);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
