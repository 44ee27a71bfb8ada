package io.pilotlight.terraform.mapping;

import io.pilotlight.terraform.yaml.YamlNode.Mapping;
import io.pilotlight.terraform.yaml.YamlNode.Scalar;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compute capacity per region and role: a serving region's desired count is its active capacity; a standby
 * region runs its desired count now (standby) and must scale to what the primary runs (active), or to its
 * max_size when no primary fleet of the same service exists.
 */
final class Capacities {
    private Capacities() {
    }

    static Mapping of(Map<String, List<Fleets.Fleet>> byService, Map<String, Roles.Role> roles, Notes notes) {
        Mapping compute = new Mapping();
        byService.forEach((service, fleets) -> {
            Mapping spec = new Mapping();
            Optional<Fleets.Fleet> timed = fleets.stream().filter(f -> f.ready() != null).max(java.util.Comparator.comparing(Fleets.Fleet::ready));
            if (timed.isPresent()) {
                spec.put("instance_ready_time", Scalar.raw(io.pilotlight.topology.Durations.format(timed.get().ready())),
                        timed.get().readyOrigin(), timed.get().readyBasis());
                if (timed.get().readyBasis().startsWith("assumed")) {
                    notes.assumed(timed.get().address() + ": instance_ready_time 5m from AWS's default health_check_grace_period (300s)",
                            timed.get().readyOrigin());
                }
            } else {
                spec.put("instance_ready_time", Scalar.raw("5m"), fleets.get(0).origin(), "assumed: Terraform does not say; measure it with a drill");
                notes.assumed(service + ": instance_ready_time 5m (no health check grace period in Terraform)", fleets.get(0).origin());
            }
            int primaryDesired = fleets.stream().filter(f -> isRole(roles, f, "primary")).mapToInt(Fleets.Fleet::desired).max().orElse(-1);
            Mapping capacity = new Mapping();
            for (Fleets.Fleet fleet : fleets) {
                Mapping perRegion = new Mapping();
                if (isRole(roles, fleet, "standby")) {
                    int active = primaryDesired >= 0 ? primaryDesired : fleet.max() != null ? fleet.max() : fleet.desired();
                    String basis = primaryDesired >= 0 ? "what the primary runs (it must carry the load)"
                            : fleet.max() != null ? "its max_size" : "its desired count";
                    perRegion.put("active", Scalar.raw(Math.max(active, fleet.desired())), fleet.origin(), "after failover: " + basis);
                    perRegion.put("standby", Scalar.raw(fleet.desired()), fleet.desiredOrigin(),
                            fleet.address() + " desired now" + (fleet.min() != null ? ", min_size " + fleet.min() : ""));
                } else {
                    perRegion.put("active", Scalar.raw(fleet.desired()), fleet.desiredOrigin(), fleet.address() + " desired");
                }
                capacity.put(fleet.region(), perRegion, fleet.origin(), fleet.address());
            }
            spec.put("capacity", capacity, null, null);
            compute.put(service, spec, fleets.get(0).origin(), null);
        });
        return compute;
    }

    private static boolean isRole(Map<String, Roles.Role> roles, Fleets.Fleet fleet, String role) {
        Roles.Role found = roles.get(fleet.region());
        return found != null && found.role().equals(role);
    }

}
