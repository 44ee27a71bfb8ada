package io.pilotlight.faults;

/**
 * A token bucket that lends: {@link #reserve} always takes the tokens and says how long the caller
 * must wait before sending, so concurrent senders queue up fairly behind each other's debt. Pure:
 * time is passed in, the rate too (it may change between calls).
 */
final class TokenBucket {
    private final double burstSeconds;
    private double tokens;
    private long last;
    private boolean started;

    /** @param burstSeconds how many seconds of traffic the full bucket holds */
    TokenBucket(double burstSeconds) {
        this.burstSeconds = burstSeconds;
    }

    /** Takes {@code bytes} tokens at {@code nowNanos}; returns the nanoseconds to wait before sending them. */
    synchronized long reserve(long bytes, long bytesPerSecond, long nowNanos) {
        double capacity = Math.max(1.0, bytesPerSecond * burstSeconds);
        if (!started) {
            tokens = capacity;
            started = true;
            last = nowNanos;
        } else if (nowNanos - last > 0) {
            tokens = Math.min(capacity, tokens + (nowNanos - last) * (double) bytesPerSecond / 1e9);
            last = nowNanos;
        }
        tokens -= bytes;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * 1e9 / bytesPerSecond);
    }
}
