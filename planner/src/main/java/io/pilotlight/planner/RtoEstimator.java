package io.pilotlight.planner;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.topology.Capacity;
import io.pilotlight.topology.Compute;
import io.pilotlight.topology.FailoverMode;
import io.pilotlight.topology.FailoverSettings;
import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.HealthCheckCatalog;
import io.pilotlight.topology.HealthCheckType;
import io.pilotlight.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Estimates the worst-case RTO of a topology as the sum of its terms: detection + decision delay
 * + data promotion + compute scale-up + standby health + DNS TTL (+ the client's DNS cache bound, when
 * known) + the clients' tail from the first success to sustained success.
 */
public final class RtoEstimator {
    public static final String DETECTION = "detection";
    public static final String DECISION = "decision delay";
    public static final String PROMOTION = "data promotion";
    public static final String SCALE_UP = "compute scale-up";
    public static final String STANDBY_CONFIRMATION = "standby health";
    public static final String DNS_TTL = "DNS TTL";
    public static final String CLIENT_CACHE = "client DNS cache";
    /** From the first client success to sustained success: the drill measures it between those two milestones. */
    public static final String CLIENTS_SUSTAIN = "clients sustain";
    /** What the worst case of {@link #CLIENTS_SUSTAIN} assumes of the clients (the drill's synthetic clients use these). */
    public static final Duration ASSUMED_CLIENT_REQUEST_TIMEOUT = ClientsSustain.ASSUMED_REQUEST_TIMEOUT;
    public static final Duration ASSUMED_CLIENT_RETRY_PAUSE = ClientsSustain.ASSUMED_RETRY_PAUSE;

    private RtoEstimator() {
    }

    public static RtoEstimate estimate(Topology topology) {
        List<RtoTerm> terms = new ArrayList<>();
        terms.add(detection(topology));
        terms.add(decision(topology.failoverOrDefault()));
        terms.add(DataPromotion.term(topology));
        terms.add(scaleUp(topology));
        terms.add(standbyConfirmation(topology));
        terms.add(dnsTtl(topology));
        if (topology.clients() != null && topology.clients().dnsCache() != null) {
            terms.add(new RtoTerm(CLIENT_CACHE, topology.clients().dnsCache(),
                    "clients keep a resolved address this long regardless of TTL", "clients.dns_cache"));
        }
        terms.add(ClientsSustain.term(topology));
        return new RtoEstimate(List.copyOf(terms));
    }

    /** Worst case over the checks that route traffic: interval × threshold + timeout. */
    static RtoTerm detection(Topology topology) {
        Map<String, HealthCheck> catalog = HealthCheckCatalog.of(topology);
        Duration worst = null;
        String basis = "no health check routes traffic: a failure is never detected automatically";
        String path = "";
        for (RoutedRecords.Entry entry : RoutedRecords.of(topology).entries()) {
            String name = entry.set().healthCheck();
            Optional<Duration> detection = name == null ? Optional.empty() : detectionOf(name, catalog, 0);
            if (detection.isPresent() && (worst == null || detection.get().compareTo(worst) > 0)) {
                worst = detection.get();
                HealthCheck check = leafFor(name, catalog);
                basis = name + ": " + check.failureThreshold() + " x " + format(check.requestInterval()) + " interval + "
                        + format(check.timeout()) + " timeout";
                path = entry.path() + ".health_check";
            }
        }
        return new RtoTerm(DETECTION, worst == null ? Duration.ZERO : worst, basis, path);
    }

    private static Optional<Duration> detectionOf(String name, Map<String, HealthCheck> catalog, int depth) {
        HealthCheck check = catalog.get(name);
        if (check == null || check.disabled() || depth > 8) {
            return Optional.empty();
        }
        if (check.type() != HealthCheckType.CALCULATED) {
            return Optional.of(check.worstCaseDetection());
        }
        return check.childHealthChecks().stream().map(child -> detectionOf(child, catalog, depth + 1))
                .flatMap(Optional::stream).max(Duration::compareTo);
    }

    private static HealthCheck leafFor(String name, Map<String, HealthCheck> catalog) {
        HealthCheck check = catalog.get(name);
        if (check.type() != HealthCheckType.CALCULATED) {
            return check;
        }
        return check.childHealthChecks().stream().map(catalog::get)
                .filter(c -> c != null && c.type() != HealthCheckType.CALCULATED && !c.disabled())
                .max((a, b) -> a.worstCaseDetection().compareTo(b.worstCaseDetection())).orElse(check);
    }

    private static RtoTerm decision(FailoverSettings failover) {
        String basis = failover.mode() == FailoverMode.MANUAL
                ? "manual mode: the confirmation delay, plus however long an operator takes to run pilotlight failover"
                : "the controller confirms the loss of the primary this long before acting";
        return new RtoTerm(DECISION, failover.decisionDelay(), basis, "failover.decision_delay");
    }

    private static RtoTerm scaleUp(Topology topology) {
        if (Roles.allActive(topology)) {
            return new RtoTerm(SCALE_UP, Duration.ZERO, "every region already serves at full capacity", "");
        }
        Optional<String> target = Roles.failoverTarget(topology);
        if (target.isEmpty()) {
            return new RtoTerm(SCALE_UP, Duration.ZERO, "no standby region to scale up", "");
        }
        Duration worst = Duration.ZERO;
        String basis = "no compute is declared for " + target.get();
        String path = "";
        for (Map.Entry<String, Compute> entry : topology.compute().entrySet()) {
            Capacity capacity = entry.getValue().capacity().get(target.get());
            if (capacity == null) {
                continue;
            }
            String where = entry.getKey() + " in " + target.get();
            if (capacity.standby() >= capacity.active()) {
                if (worst.isZero()) {
                    basis = where + " already runs " + capacity.standby() + " instances (full capacity)";
                }
                continue;
            }
            Duration ready = entry.getValue().instanceReadyTime();
            if (ready != null && ready.compareTo(worst) >= 0) {
                worst = ready;
                basis = where + ": " + capacity.standby() + " -> " + capacity.active() + " instances, started in parallel, each ready in "
                        + format(ready);
                path = "compute." + entry.getKey() + ".instance_ready_time";
            }
        }
        return new RtoTerm(SCALE_UP, worst, basis, path);
    }

    /**
     * A standby that starts with no instances fails its health check until they run; DNS sends
     * clients there only after threshold consecutive healthy results: threshold x interval after
     * its compute is ready. A standby that already serves is healthy before the fault: no wait.
     */
    static RtoTerm standbyConfirmation(Topology topology) {
        Optional<String> target = Roles.failoverTarget(topology);
        if (target.isEmpty() || Roles.allActive(topology)) {
            return new RtoTerm(STANDBY_CONFIRMATION, Duration.ZERO, "no standby region waits for its health check to pass", "");
        }
        boolean startsEmpty = topology.compute().values().stream().map(c -> c.capacity().get(target.get()))
                .anyMatch(capacity -> capacity != null && capacity.standby() == 0 && capacity.active() > 0);
        if (!startsEmpty) {
            return new RtoTerm(STANDBY_CONFIRMATION, Duration.ZERO, target.get() + " already runs instances: its check is healthy before"
                    + " the fault", "");
        }
        Map<String, HealthCheck> catalog = HealthCheckCatalog.of(topology);
        Duration worst = Duration.ZERO;
        String basis = "no health check routes traffic to " + target.get();
        String path = "";
        for (RoutedRecords.Entry entry : RoutedRecords.of(topology).entries()) {
            String name = entry.set().healthCheck();
            if (name == null || !target.get().equals(entry.set().region()) || catalog.get(name) == null) {
                continue;
            }
            HealthCheck check = leafFor(name, catalog);
            Duration confirm = check.requestInterval().multipliedBy(check.failureThreshold());
            if (confirm.compareTo(worst) > 0) {
                worst = confirm;
                basis = name + ": " + check.failureThreshold() + " healthy results x " + format(check.requestInterval())
                        + " interval after " + target.get() + "'s instances are ready, before DNS may answer " + target.get();
                path = entry.path() + ".health_check";
            }
        }
        return new RtoTerm(STANDBY_CONFIRMATION, worst, basis, path);
    }

    private static RtoTerm dnsTtl(Topology topology) {
        Duration worst = null;
        String basis = "no record set with a routing policy: clients must be repointed by other means";
        String path = "";
        for (RoutedRecords.Entry entry : RoutedRecords.of(topology).entries()) {
            Duration ttl = entry.set().ttl();
            if (ttl != null && (worst == null || ttl.compareTo(worst) > 0)) {
                worst = ttl;
                basis = entry.set().name() + " " + entry.set().type() + " (" + entry.zone() + "): resolvers may serve the old answer this long";
                path = entry.path() + ".ttl";
            }
        }
        return new RtoTerm(DNS_TTL, worst == null ? Duration.ZERO : worst, basis, path);
    }

}
