package io.pilotlight.health;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one probe.
 *
 * @param at         when the probe started
 * @param httpStatus the HTTP status, or -1 for TCP probes and failures before a status line
 * @param latency    from the start of the probe (name resolution and connect included) to its verdict
 * @param error      what went wrong in plain words, or {@code null} when healthy
 */
public record ProbeResult(Instant at, boolean healthy, int httpStatus, Duration latency, String error) {
    public static final int NO_STATUS = -1;

    public static ProbeResult success(Instant at, int httpStatus, Duration latency) {
        return new ProbeResult(at, true, httpStatus, latency, null);
    }

    public static ProbeResult failure(Instant at, int httpStatus, Duration latency, String error) {
        return new ProbeResult(at, false, httpStatus, latency, error);
    }

    /** One line for logs and events, e.g. {@code "HTTP 503 after 4 ms"} or {@code "connection refused after 1 ms"}. */
    public String describe() {
        String what;
        if (error != null) {
            what = error;
        } else if (httpStatus != NO_STATUS) {
            what = "HTTP " + httpStatus;
        } else {
            what = "connected";
        }
        return what + " after " + latency.toMillis() + " ms";
    }
}
