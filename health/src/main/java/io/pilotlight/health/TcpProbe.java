package io.pilotlight.health;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** TCP check: healthy when a connection opens within the timeout. */
final class TcpProbe implements Probe {
    private final ProbeTarget target;
    private final Duration timeout;
    private final ProbeContext context;

    TcpProbe(ProbeTarget target, Duration timeout, ProbeContext context) {
        this.target = target;
        this.timeout = timeout;
        this.context = context;
    }

    @Override
    public ProbeResult run() {
        Instant at = context.clock().instant();
        long start = context.ticker().nanos();
        try (Deadline deadline = new Deadline(context.ticker(), timeout, context.watchdog())) {
            try (Socket ignored = Connector.connect(target, deadline)) {
                if (deadline.expired()) {
                    return ProbeResult.failure(at, ProbeResult.NO_STATUS, since(start), ProbeErrors.timedOut(deadline));
                }
                return ProbeResult.success(at, ProbeResult.NO_STATUS, since(start));
            } catch (IOException e) {
                return ProbeResult.failure(at, ProbeResult.NO_STATUS, since(start), ProbeErrors.describe(e, deadline, target));
            } catch (RuntimeException e) {
                return ProbeResult.failure(at, ProbeResult.NO_STATUS, since(start), "probe failed: " + e);
            }
        }
    }

    private Duration since(long start) {
        return Duration.ofNanos(context.ticker().nanos() - start);
    }
}
