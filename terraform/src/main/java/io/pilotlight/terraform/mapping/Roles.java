package io.pilotlight.terraform.mapping;

import io.pilotlight.terraform.Origin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each region's role, decided from what the Terraform shows, with the reason: the writer of a single-writer
 * database is the primary; else the region a PRIMARY failover record sends traffic to; a multi-active table
 * without either makes every region active; else the region running the most instances; else the first
 * region of the configuration.
 */
final class Roles {
    /** A region's role and why. */
    record Role(String role, String reason, Origin origin) {
    }

    static Map<String, Role> decide(List<String> regions, List<DataStores.Writer> writers, List<Records.Member> members,
                                    boolean multiActive, List<Fleets.Fleet> fleets) {
        Map<String, Role> roles = new LinkedHashMap<>();
        Optional<Role> primary = Optional.empty();
        String primaryRegion = null;
        if (!writers.isEmpty() && regions.contains(writers.get(0).region())) {
            DataStores.Writer writer = writers.get(0);
            primaryRegion = writer.region();
            primary = Optional.of(new Role("primary", writer.reason(), writer.origin()));
        } else {
            Optional<Records.Member> failoverPrimary = members.stream()
                    .filter(m -> "PRIMARY".equalsIgnoreCase(m.failoverRole()) && m.region() != null && regions.contains(m.region())).findFirst();
            if (failoverPrimary.isPresent()) {
                primaryRegion = failoverPrimary.get().region();
                primary = Optional.of(new Role("primary", "the PRIMARY failover record of " + failoverPrimary.get().name() + " points here",
                        failoverPrimary.get().origin()));
            } else if (multiActive && regions.size() > 1 && members.stream().noneMatch(m -> m.failoverRole() != null)) {
                regions.forEach(r -> roles.put(r, new Role("active", "a multi-active table and no failover record: every region serves",
                        null)));
                return roles;
            } else {
                Optional<Fleets.Fleet> largest = fleets.stream().filter(f -> regions.contains(f.region()))
                        .max(java.util.Comparator.comparingInt(Fleets.Fleet::desired));
                if (largest.isPresent() && largest.get().desired() > 0) {
                    primaryRegion = largest.get().region();
                    primary = Optional.of(new Role("primary", "it runs the most instances (" + largest.get().address() + ": "
                            + largest.get().desired() + ")", largest.get().desiredOrigin()));
                } else if (!regions.isEmpty()) {
                    primaryRegion = regions.get(0);
                    primary = Optional.of(new Role("primary", "the first region of the configuration: nothing else says which serves", null));
                }
            }
        }
        for (String region : regions) {
            roles.put(region, region.equals(primaryRegion) ? primary.orElseThrow()
                    : new Role("standby", "not the primary (" + primaryRegion + ")", null));
        }
        return roles;
    }

    private Roles() {
    }
}
