package io.pilotlight.health;

import io.pilotlight.topology.HealthCheck;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;

/** Runs single probes outside a monitor, with a real watchdog and the JDK's trust store unless told otherwise. */
final class ProbeHarness implements AutoCloseable {
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
    private final SSLContext trusted;

    ProbeHarness() {
        this(DefaultTrust.context());
    }

    ProbeHarness(SSLContext trusted) {
        this.trusted = trusted;
    }

    ProbeResult probe(Checks check) {
        return probe(check.build(), VantagePoint.of("local"));
    }

    ProbeResult probe(HealthCheck check, VantagePoint vantage) {
        ProbeContext context = new ProbeContext(Clock.systemUTC(), Ticker.system(), watchdog, trusted);
        return Probes.forCheck(check, vantage, context).run();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
