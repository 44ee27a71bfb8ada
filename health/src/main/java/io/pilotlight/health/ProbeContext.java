package io.pilotlight.health;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;

/**
 * What every probe shares: the clock for timestamps, the ticker for latencies and deadlines, the
 * watchdog that enforces deadlines, and the TLS context whose trust store verifies certificates.
 */
record ProbeContext(Clock clock, Ticker ticker, ScheduledExecutorService watchdog, SSLContext trusted) {
}
