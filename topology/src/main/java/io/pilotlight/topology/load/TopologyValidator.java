package io.pilotlight.topology.load;

import io.pilotlight.topology.Capacity;
import io.pilotlight.topology.Compute;
import io.pilotlight.topology.DnsNames;
import io.pilotlight.topology.Drill;
import io.pilotlight.topology.Region;
import io.pilotlight.topology.RegionRole;
import io.pilotlight.topology.Service;
import io.pilotlight.topology.Topology;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks what types alone cannot: roles, references between sections, and values that contradict each other. */
final class TopologyValidator {
    private final CheckContext context;

    TopologyValidator(Topology topology, SourceMap sources) {
        this.context = new CheckContext(topology, sources);
    }

    List<Problem> validate() {
        Topology topology = context.topology;
        checkObjectives(topology);
        checkRegions(topology.regions());
        checkServices(topology.services());
        new HealthCheckRules(context).check();
        new RecordSetRules(context).check();
        new DataStoreRules(context).check();
        new CoordinationRules(context).check();
        checkCompute(topology.compute());
        checkDrills(topology.drills());
        return context.problems();
    }

    private void checkObjectives(Topology topology) {
        if (topology.objectives() != null && Duration.ZERO.equals(topology.objectives().rto())) {
            context.report("objectives.rto", "an RTO of 0s cannot be met by any design; give the longest outage you accept, e.g. 5m");
        }
    }

    private void checkRegions(Map<String, Region> regions) {
        if (regions.isEmpty()) {
            context.report("regions", "no regions; a topology needs at least one region (and two to survive a regional outage)");
            return;
        }
        if (regions.values().stream().anyMatch(r -> r.role() == null)) {
            return; // a role that failed to bind is already reported; counting roles now would only add noise
        }
        long primaries = regions.values().stream().filter(r -> r.role() == RegionRole.PRIMARY).count();
        long actives = regions.values().stream().filter(r -> r.role() == RegionRole.ACTIVE).count();
        long serving = regions.values().stream().filter(r -> r.role().serves()).count(); // a witness holds no part of the service
        if (serving == 0) {
            context.report("regions", "every region is a witness; a topology needs a region that serves: one primary with standbys,"
                    + " or every serving region active");
        } else if (actives > 0 && actives != serving) {
            context.report("regions", "active regions cannot be mixed with primary or standby ones; write either one primary"
                    + " with standbys (active-passive) or every region active (active-active); a witness may join either");
        } else if (actives == 0 && primaries != 1) {
            context.report("regions", "found " + primaries + " primary regions; exactly one region must have role: primary"
                    + " (or every region role: active)");
        }
        regions.forEach((name, region) -> {
            if (region.address() != null && !DnsNames.isIpv4(region.address()) && !DnsNames.isIpv6(region.address())) {
                context.report(Paths.key(Paths.key("regions", name), "address"),
                        "\"" + region.address() + "\" is not an IP address; expected e.g. 127.0.1.1");
            }
        });
    }

    private void checkServices(Map<String, Service> services) {
        services.forEach((name, service) -> {
            String path = Paths.key("services", name);
            service.endpoints().keySet().forEach(region ->
                    context.requireServingRegion(Paths.key(Paths.key(path, "endpoints"), region), region));
            if (service.healthCheck() != null && service.healthCheck().type() == io.pilotlight.topology.HealthCheckType.CALCULATED) {
                context.report(Paths.key(Paths.key(path, "health_check"), "type"),
                        "a service's endpoint check must be HTTP, HTTPS or TCP; define CALCULATED checks under health_checks");
            }
        });
    }

    private void checkCompute(Map<String, Compute> compute) {
        compute.forEach((serviceName, spec) -> {
            String path = Paths.key("compute", serviceName);
            if (!context.topology.services().containsKey(serviceName)) {
                context.unknown(path, "service", serviceName, context.topology.services().keySet());
            }
            spec.capacity().keySet().forEach(region -> context.requireServingRegion(Paths.key(Paths.key(path, "capacity"), region), region));
            boolean serves = spec.capacity().values().stream().mapToInt(Capacity::active).anyMatch(n -> n > 0);
            if (!spec.capacity().isEmpty() && !serves) {
                context.report(Paths.key(path, "capacity"), "every region has active: 0; at least one region must run instances when serving");
            }
        });
    }

    private void checkDrills(List<Drill> drills) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < drills.size(); i++) {
            Drill drill = drills.get(i);
            String path = Paths.index("drills", i);
            if (drill.name() != null && !names.add(drill.name())) {
                context.report(Paths.key(path, "name"), "drill name \"" + drill.name() + "\" is used twice; names must be unique");
            }
            context.requireRegion(Paths.key(path, "target"), drill.target());
        }
    }
}
