package io.pilotlight.topology;

import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.KeyPattern;
import io.pilotlight.topology.spec.Omittable;
import java.util.Map;

public record Dns(
        @Doc("Zones by apex name, e.g. example.com.")
        @KeyPattern(regex = "^([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?$",
                description = "a domain name such as example.com")
        Map<String, Zone> zones,
        @Doc("Operator routing controls: wait period and safety rules.") @Omittable RoutingControlSettings routingControls) {

    public Dns {
        zones = zones == null ? Map.of() : zones;
    }

    public RoutingControlSettings routingControlsOrDefault() {
        return routingControls == null ? RoutingControlSettings.DEFAULT : routingControls;
    }
}
