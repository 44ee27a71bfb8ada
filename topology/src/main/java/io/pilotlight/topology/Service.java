package io.pilotlight.topology;

import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;
import java.util.Map;

public record Service(
        @Doc("Command that starts one instance (the lab runs the sample service when left out).") @Omittable String command,
        @Doc("How each regional endpoint is checked; Pilotlight creates the check SERVICE-REGION for every endpoint.")
        @Omittable HealthCheck healthCheck,
        @Doc("Where the service answers in each region, keyed by region name.") Map<String, Endpoint> endpoints) {

    public Service {
        endpoints = endpoints == null ? Map.of() : endpoints;
    }
}
