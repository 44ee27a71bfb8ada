package io.pilotlight.health;

import io.pilotlight.topology.HealthCheck;

/** Builds the probe for an endpoint check as seen from one vantage point. */
final class Probes {
    private Probes() {
    }

    static Probe forCheck(HealthCheck check, VantagePoint vantage, ProbeContext context) {
        ProbeTarget target = ProbeTarget.of(check, vantage);
        return switch (check.type()) {
            case TCP -> new TcpProbe(target, check.timeout(), context);
            case HTTP, HTTPS -> new HttpProbe(target, HttpProbeSettings.of(check), context);
            case CALCULATED -> throw new IllegalArgumentException("a CALCULATED check has no probe of its own");
        };
    }
}
