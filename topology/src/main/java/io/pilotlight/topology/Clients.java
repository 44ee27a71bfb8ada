package io.pilotlight.topology;

import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;
import java.time.Duration;

public record Clients(
        @Doc("How long clients cache a DNS answer regardless of its TTL (the JVM's default is 30s).") @Omittable Duration dnsCache) {
}
