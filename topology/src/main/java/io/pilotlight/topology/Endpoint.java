package io.pilotlight.topology;

import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;

public record Endpoint(
        @Doc("Host name or IP address of the regional endpoint, e.g. api-use1.example.com or 127.0.1.1.") String address,
        @Doc("TCP port of the endpoint; the health check's port when left out.") @Omittable @Bounds(min = "1", max = "65535") Integer port) {
}
