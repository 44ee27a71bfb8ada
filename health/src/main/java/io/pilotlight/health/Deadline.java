package io.pilotlight.health;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The overall time limit of one probe. Each blocking socket call gets the time that is left as its
 * own timeout, and a watchdog closes the connection when the limit passes, so that a server which
 * drips bytes slowly cannot stretch a probe beyond its timeout either.
 */
final class Deadline implements AutoCloseable {
    private final Ticker ticker;
    private final Duration timeout;
    private final long endNanos;
    private final ScheduledExecutorService watchdog;
    private ScheduledFuture<?> guard;

    Deadline(Ticker ticker, Duration timeout, ScheduledExecutorService watchdog) {
        this.ticker = ticker;
        this.timeout = timeout;
        this.endNanos = ticker.nanos() + timeout.toNanos();
        this.watchdog = watchdog;
    }

    Duration timeout() {
        return timeout;
    }

    boolean expired() {
        return ticker.nanos() - endNanos >= 0;
    }

    /** Milliseconds left, at least 1 (0 would mean "no timeout" to a socket); throws once it has passed. */
    int remainingMillis() throws SocketTimeoutException {
        long left = endNanos - ticker.nanos();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left)));
    }

    /** Closes {@code resource} when the deadline passes, unless this deadline is closed first. */
    void guard(Closeable resource) {
        long left = Math.max(0, endNanos - ticker.nanos());
        guard = watchdog.schedule(() -> closeQuietly(resource), left, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        if (guard != null) {
            guard.cancel(false);
        }
    }

    static void closeQuietly(Closeable resource) {
        try {
            resource.close();
        } catch (IOException ignored) {
            // closing is best effort; the probe has its verdict already
        }
    }
}
