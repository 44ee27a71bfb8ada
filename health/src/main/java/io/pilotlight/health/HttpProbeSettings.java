package io.pilotlight.health;

import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.HealthCheckType;
import java.time.Duration;

/** The parts of a check an HTTP(S) probe uses. */
record HttpProbeSettings(boolean tls, String resourcePath, String searchString, Duration timeout, boolean verifyCertificate) {

    static HttpProbeSettings of(HealthCheck check) {
        String path = check.resourcePath() == null || check.resourcePath().isEmpty() ? "/" : check.resourcePath();
        return new HttpProbeSettings(check.type() == HealthCheckType.HTTPS, path, check.searchString(), check.timeout(),
                check.verifyCertificate());
    }
}
