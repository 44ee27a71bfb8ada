package io.pilotlight.health;

import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.HealthCheckType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The CALCULATED checks in an order where every child comes before its parents; or the cycle that forbids one. */
final class CalculatedOrder {
    private final Map<String, HealthCheck> checks;
    private final List<String> order = new ArrayList<>();
    private final Set<String> done = new LinkedHashSet<>();
    private final List<String> path = new ArrayList<>();
    private List<String> cycle;

    private CalculatedOrder(Map<String, HealthCheck> checks) {
        this.checks = checks;
    }

    /** Children first. Assumes no cycle: call {@link #cycle} first. */
    static List<String> of(Map<String, HealthCheck> checks) {
        CalculatedOrder walk = new CalculatedOrder(checks);
        checks.keySet().forEach(walk::visit);
        return List.copyOf(walk.order);
    }

    /** A cycle of calculated checks, e.g. {@code [a, b, a]}, if there is one. */
    static Optional<List<String>> cycle(Map<String, HealthCheck> checks) {
        CalculatedOrder walk = new CalculatedOrder(checks);
        for (String name : checks.keySet()) {
            walk.visit(name);
            if (walk.cycle != null) {
                return Optional.of(walk.cycle);
            }
        }
        return Optional.empty();
    }

    private void visit(String name) {
        HealthCheck check = checks.get(name);
        if (cycle != null || done.contains(name) || check == null || check.type() != HealthCheckType.CALCULATED) {
            return;
        }
        int seen = path.indexOf(name);
        if (seen >= 0) {
            cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(name);
            return;
        }
        path.add(name);
        check.childHealthChecks().forEach(this::visit);
        path.remove(path.size() - 1);
        if (done.add(name)) {
            order.add(name);
        }
    }
}
