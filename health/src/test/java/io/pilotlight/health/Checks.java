package io.pilotlight.health;

import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.HealthCheckType;
import io.pilotlight.topology.InitialState;
import java.time.Duration;
import java.util.List;

/** Builds topology health checks for tests, starting from the file format's defaults. */
final class Checks {
    HealthCheckType type = HealthCheckType.HTTP;
    String fqdn;
    String ipAddress = "127.0.0.1";
    Integer port;
    String resourcePath = "/healthz";
    String searchString;
    Duration interval = Duration.ofSeconds(30);
    int threshold = 3;
    Duration timeout = Duration.ofSeconds(4);
    boolean verifyCertificate = true;
    boolean inverted;
    boolean disabled;
    InitialState initialState = InitialState.HEALTHY;
    double fraction = 0.18;
    List<String> children = List.of();
    Integer healthThreshold;

    static Checks http(int port) {
        Checks c = new Checks();
        c.port = port;
        return c;
    }

    static Checks https(int port) {
        Checks c = http(port);
        c.type = HealthCheckType.HTTPS;
        return c;
    }

    static Checks tcp(int port) {
        Checks c = http(port);
        c.type = HealthCheckType.TCP;
        return c;
    }

    static Checks calculated(int healthThreshold, String... children) {
        Checks c = new Checks();
        c.type = HealthCheckType.CALCULATED;
        c.ipAddress = null;
        c.resourcePath = null;
        c.children = List.of(children);
        c.healthThreshold = healthThreshold;
        return c;
    }

    Checks every(Duration interval, int threshold, Duration timeout) {
        this.interval = interval;
        this.threshold = threshold;
        this.timeout = timeout;
        return this;
    }

    Checks fqdn(String fqdn) {
        this.fqdn = fqdn;
        return this;
    }

    Checks ip(String ipAddress) {
        this.ipAddress = ipAddress;
        return this;
    }

    Checks path(String path) {
        this.resourcePath = path;
        return this;
    }

    Checks search(String text) {
        this.searchString = text;
        return this;
    }

    Checks unverified() {
        this.verifyCertificate = false;
        return this;
    }

    Checks inverted() {
        this.inverted = true;
        return this;
    }

    Checks disabled() {
        this.disabled = true;
        return this;
    }

    Checks startingUnknown() {
        this.initialState = InitialState.UNKNOWN;
        return this;
    }

    Checks fraction(double fraction) {
        this.fraction = fraction;
        return this;
    }

    HealthCheck build() {
        return new HealthCheck(type, fqdn, ipAddress, port, resourcePath, searchString, interval, threshold, timeout,
                verifyCertificate, inverted, disabled, initialState, fraction, children, healthThreshold);
    }
}
