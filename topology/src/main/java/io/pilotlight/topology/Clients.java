package io.pilotlight.topology;

import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;
import java.time.Duration;

public record Clients(
        @Doc("How long clients cache a DNS answer regardless of its TTL (the JVM's default is 30s).") @Omittable Duration dnsCache,
        @Doc("How long a client waits for a request before counting it failed; the planner assumes 2s (the drill's synthetic"
                + " clients) when not given.") @Omittable Duration requestTimeout,
        @Doc("How long a client waits after a failed request before the next; the planner assumes 100ms (the drill's synthetic"
                + " clients) when not given.") @Omittable Duration retryInterval) {

    /** Only the DNS cache known. */
    public Clients(Duration dnsCache) {
        this(dnsCache, null, null);
    }
}
