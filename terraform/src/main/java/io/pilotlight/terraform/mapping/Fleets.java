package io.pilotlight.terraform.mapping;

import io.pilotlight.terraform.Origin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compute per region from {@code aws_autoscaling_group}, {@code aws_ecs_service} and {@code aws_eks_node_group}.
 * Groups of the same service in several regions are matched by name once region and role words are taken
 * out ({@code api_use1}, {@code api_standby} and {@code api} are all the service {@code api}); each match is noted.
 */
final class Fleets {
    /**
     * @param ready        how long a new instance takes to pass its health check, when Terraform says
     * @param readyOrigin  where that was read
     */
    record Fleet(String service, String address, String region, int desired, Integer min, Integer max, Duration ready,
                 Origin readyOrigin, String readyBasis, Origin origin, Origin desiredOrigin) {
    }

    private static final List<String> ROLE_WORDS = List.of("primary", "secondary", "standby", "active", "passive", "dr", "main",
            "east", "west", "north", "south", "central", "use1", "use2", "usw1", "usw2", "euw1", "euw2", "euc1", "apse1", "apse2",
            "apne1", "blue", "green");

    private final List<Fleet> fleets = new ArrayList<>();

    List<Fleet> read(Resources resources, Regions regions, Notes notes) {
        for (Res group : resources.ofType("aws_autoscaling_group")) {
            Optional<Integer> desired = group.integer("desired_capacity").or(() -> group.integer("min_size"));
            Optional<Integer> grace = group.integer("health_check_grace_period");
            add(group, desired, group.integer("min_size").orElse(null), group.integer("max_size").orElse(null),
                    Duration.ofSeconds(grace.orElse(300)), group.at(grace.isPresent() ? "health_check_grace_period" : "desired_capacity"),
                    grace.isPresent() ? "health_check_grace_period" : "assumed: AWS's default health_check_grace_period 300s",
                    group.at("desired_capacity"), regions, notes);
        }
        for (Res service : resources.ofType("aws_ecs_service")) {
            Optional<Integer> grace = service.integer("health_check_grace_period_seconds");
            add(service, service.integer("desired_count"), null, null, grace.map(Duration::ofSeconds).orElse(null),
                    service.at("health_check_grace_period_seconds"), grace.isPresent() ? "health_check_grace_period_seconds" : null,
                    service.at("desired_count"), regions, notes);
        }
        for (Res nodes : resources.ofType("aws_eks_node_group")) {
            Optional<Res> scaling = nodes.first("scaling_config");
            add(nodes, scaling.flatMap(s -> s.integer("desired_size")), scaling.flatMap(s -> s.integer("min_size")).orElse(null),
                    scaling.flatMap(s -> s.integer("max_size")).orElse(null), null, nodes.origin(), null,
                    scaling.map(s -> s.at("desired_size")).orElse(nodes.origin()), regions, notes);
        }
        return List.copyOf(fleets);
    }

    private void add(Res resource, Optional<Integer> desired, Integer min, Integer max, Duration ready, Origin readyOrigin, String readyBasis,
                     Origin desiredOrigin, Regions regions, Notes notes) {
        Optional<Regions.Located> region = regions.of(resource);
        if (region.isEmpty()) {
            notes.add(io.pilotlight.terraform.ImportNote.Kind.UNKNOWN, resource.address() + ": its region is unknown (no provider"
                    + " region); its capacity is left out", resource.origin());
            return;
        }
        if (desired.isEmpty()) {
            notes.add(io.pilotlight.terraform.ImportNote.Kind.UNKNOWN, resource.address() + ": its desired count is unknown; its"
                    + " capacity is left out", resource.origin());
            return;
        }
        String service = serviceOf(resource.name());
        if (!service.equals(Names.key(resource.name()))) {
            notes.decision(resource.address() + " counted as service " + service + " in " + region.get().region()
                    + " (its name without region and role words)", resource.origin());
        }
        fleets.add(new Fleet(service, resource.address(), region.get().region(), desired.get(), min, max, ready, readyOrigin, readyBasis,
                resource.origin(), desiredOrigin));
    }

    static String serviceOf(String name) {
        List<String> words = new ArrayList<>(List.of(name.toLowerCase(Locale.ROOT).split("[_-]+")));
        words.removeIf(w -> ROLE_WORDS.contains(w) || w.matches("\\d+") || w.matches("(us|eu|ap|sa|ca|me|af)(east|west|north|south|central|northeast|southeast)?\\d*"));
        return words.isEmpty() ? Names.key(name) : Names.key(String.join("-", words));
    }
}
