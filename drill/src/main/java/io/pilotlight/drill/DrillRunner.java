package io.pilotlight.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotlight.engine.DataStoreEngine;
import io.pilotlight.engine.RegionState;
import io.pilotlight.engine.ReplicaRole;
import io.pilotlight.orchestrator.runbook.AuditLog;
import io.pilotlight.planner.RtoEstimate;
import io.pilotlight.planner.RtoEstimator;
import io.pilotlight.topology.Topology;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A drill on a running lab: synthetic clients write through DNS, the fault is injected at t0, the
 * milestones are watched (and shown) as they happen, and once clients sustain success (or the
 * deadline passes) the fault is healed and every acknowledged write is read back from the writer.
 * When the old writer's store node is still there (partition, switchover), its lost-writes ledger
 * is checked against the writes the clients lost.
 */
public final class DrillRunner {
    /** Every instant the drill measures (t0, the clients' requests and acknowledgements, the milestones) comes from here. */
    private final java.time.Clock clock;

    public DrillRunner(java.time.Clock clock) {
        this.clock = clock;
    }
    private final LabHttp http = new LabHttp();

    /**
     * @param labState the lab's state directory (lab.json, logs/controller.log, controller/instances.json)
     * @param name     the service's DNS name the clients resolve
     * @param store    the data store whose writes the clients make (read back after the drill through its engine)
     * @param operator who runs the failover runbook in manual mode (the drill plays the operator); null in automatic mode
     */
    public record Setup(Topology topology, Path labState, InetSocketAddress dns, String dnsAdmin, DataStoreEngine store,
                        String service, int servicePort, String name, String target, String standby, String targetAddress,
                        Duration clientCache, Duration deadline, PlayedOperator operator, javax.net.ssl.SSLContext serviceTls) {
        Path audit() {
            return labState.resolve("controller").resolve(AuditLog.FILE_NAME);
        }
    }

    public DrillReport run(Setup setup, Fault fault, Consumer<String> progress) throws Exception {
        List<Milestone> milestones = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (SyntheticClients clients = new SyntheticClients(4, setup.dns(), setup.name(), setup.servicePort(), setup.clientCache(), clock,
                setup.serviceTls())) {
            progress.accept("clients writing through " + setup.name() + "; waiting until they succeed steadily and DNS sees "
                    + setup.target() + " healthy");
            long warm = clock.millis() + warmUp(setup.topology()).toMillis();
            // DNS answers the primary even while its check is still unhealthy from start-up (Route 53's all-unhealthy rule), so
            // clients succeed before the health system is steady; a fault injected then would never be "detected"
            while (recentSuccesses(clients, 2_000) < 20 || !dnsSeesHealthy(setup) || !healthSettled(setup)) {
                if (clock.millis() > warm) {
                    throw new IllegalStateException("the lab never reached a steady state before the fault (clients succeeding, "
                            + setup.service() + "-" + setup.target() + " healthy in DNS, every health check past its initial state);"
                            + " is the lab serving?");
                }
                Thread.sleep(200);
            }
            long t0 = clock.millis();
            progress.accept("t0: " + fault.describe());
            fault.inject();
            MilestoneWatcher watcher = new MilestoneWatcher(setup, fault, t0, progress, clock);
            PlayedOperator.Run operator = setup.operator() == null ? null : new PlayedOperator.Run(setup.operator());
            long deadline = t0 + setup.deadline().toMillis();
            long nextStatus = t0 + 5_000;
            while (clock.millis() < deadline) {
                watcher.poll();
                if (operator != null) {
                    String acted = operator.poll(new AuditLog(setup.audit()).read(), t0, clock.millis());
                    if (acted != null) {
                        watcher.operatorActed(clock.millis());
                        progress.accept(String.format("+%.1fs  %s", (clock.millis() - t0) / 1000.0, acted));
                    }
                }
                // a planned switchover's clients succeed before its write gap: the measurement ends only once it ran its course
                if (fault.settled() && RtoMeasure.measure(t0, clients.requests()).isPresent()) {
                    break;
                }
                if (clock.millis() >= nextStatus) {
                    nextStatus += 5_000;
                    progress.accept(String.format("+%.0fs  clients: %d of the last %d requests succeeded; %d writes acknowledged",
                            (clock.millis() - t0) / 1000.0, recentSuccesses(clients, 5_000), recent(clients, 5_000), clients.acked().size()));
                }
                Thread.sleep(100);
            }
            watcher.poll();
            clients.close();
            List<Request> requests = clients.requests();
            var rto = RtoMeasure.measure(t0, requests);
            if (rto.isEmpty()) {
                notes.add("clients did not sustain 99 % success over 10 s within " + setup.deadline().toSeconds() + " s");
            }
            milestones.addAll(watcher.milestones());
            var first = RtoMeasure.firstSuccess(t0, requests);
            milestones.add(new Milestone("first client success", first.orElse(-1), first.isPresent()
                    ? "a synthetic client's write was acknowledged after the outage began"
                    : "does not apply: no second without a success (clients kept partly succeeding)"));
            milestones.add(new Milestone("sustained", rto.orElse(-1), "≥ 99 % of requests succeeded over 10 s; RTO ends here"));
            if (operator != null) {
                notes.add("failover.mode is manual: the drill played the operator, who starts the failover runbook "
                        + setup.operator().delay().toMillis() / 1000.0 + " s after the controller's alert (--operator-delay)");
                String operated = operator.finish();
                if (operated != null) {
                    notes.add(operated);
                }
            }
            String healed = fault.heal();
            if (healed != null) {
                progress.accept(healed);
                notes.add(healed);
            }
            List<AckedWrite> acked = clients.acked();
            progress.accept("reading back " + acked.size() + " acknowledged writes from the writer");
            RpoMeasure rpo = RpoMeasure.of(t0, acked, readBack(setup, acked));
            long afterFault = rpo.lost().stream().filter(w -> w.ackMillis() >= t0).count();
            if (afterFault > 0) {
                notes.add(afterFault + " of the lost writes were acknowledged after the fault began (by the writer before it was stopped or"
                        + " fenced); the data-loss window includes them");
            }
            LedgerCheck ledger = ledger(setup, rpo.lost(), fault.targetSurvives(), progress);
            if (ledger != null && !ledger.matches()) {
                notes.add(ledger.notInLedger().size() + " lost writes are not named by " + ledger.region() + "'s lost-writes ledger");
            }
            RtoEstimate estimate = RtoEstimator.estimate(setup.topology());
            return new DrillReport(setup.topology().name(), fault.scenario(), setup.target(), t0,
                    setup.topology().objectives().rto().toMillis(), estimate.total().toMillis(), rto.orElse(-1),
                    setup.topology().objectives().rpo().toMillis(), acked.size(), rpo.lost(), rpo.dataLossWindowMillis(), milestones,
                    RtoMeasure.successPerSecond(t0, requests), notes, RtoBreakdown.of(estimate, milestones, setup.clientCache() != null), ledger);
        }
    }

    /**
     * Every health check has left its initial state: each vantage point has a run of results as
     * long as the check's threshold (a check still in its configured initial state, e.g. "healthy"
     * before its first probes, would let DNS answer an empty standby for an instant).
     */
    /**
     * How long the lab may take to reach its steady state: a minute, or for slow checks (Route 53's default 30 s interval)
     * long enough for the slowest to leave its initial state and turn healthy: (threshold + 1) intervals, and 30 s more.
     */
    static Duration warmUp(io.pilotlight.topology.Topology topology) {
        Duration slowest = io.pilotlight.topology.HealthCheckCatalog.of(topology).values().stream()
                .filter(c -> c.requestInterval() != null)
                .map(c -> c.requestInterval().multipliedBy(c.failureThreshold() + 1L))
                .max(Duration::compareTo).orElse(Duration.ZERO);
        Duration needed = slowest.plusSeconds(30);
        return needed.compareTo(Duration.ofMinutes(1)) > 0 ? needed : Duration.ofMinutes(1);
    }

    private boolean healthSettled(Setup setup) {
        try {
            return HealthSettled.of(http.json("http://" + setup.dnsAdmin() + "/health"),
                    io.pilotlight.topology.HealthCheckCatalog.of(setup.topology()));
        } catch (Exception notYet) {
            return false;
        }
    }

    private boolean dnsSeesHealthy(Setup setup) {
        try {
            for (JsonNode check : http.json("http://" + setup.dnsAdmin() + "/health")) {
                if (check.path("name").asText().equals(setup.service() + "-" + setup.target())) {
                    return "HEALTHY".equals(check.path("status").asText());
                }
            }
        } catch (Exception notYet) {
            // the DNS server's admin API did not answer this time
        }
        return false;
    }

    private long recent(SyntheticClients clients, long windowMillis) {
        long since = clock.millis() - windowMillis;
        return clients.requests().stream().filter(r -> r.atMillis() >= since).count();
    }

    private long recentSuccesses(SyntheticClients clients, long windowMillis) {
        long since = clock.millis() - windowMillis;
        return clients.requests().stream().filter(r -> r.ok() && r.atMillis() >= since).count();
    }

    /** Every acknowledged write's value as the writer has it now (absent when missing); the sample service keeps item KEY at item/KEY. */
    private Map<String, String> readBack(Setup setup, List<AckedWrite> acked) throws Exception {
        awaitWriter(setup);
        List<String> keys = acked.stream().map(write -> "item/" + write.key()).toList();
        Map<String, String> values = new HashMap<>();
        setup.store().readBack(keys).forEach((key, value) -> values.put(key.substring("item/".length()), value));
        return values;
    }

    private String awaitWriter(Setup setup) throws Exception {
        long deadline = clock.millis() + 30_000;
        while (clock.millis() < deadline) {
            var writer = setup.store().writer();
            if (writer.isPresent()) {
                return writer.get();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no store node is the writer 30 s after the drill; cannot read the writes back");
    }

    /**
     * The old writer's ledger, once it has rejoined as a replica of the new writer's epoch; null
     * when its node is gone (region outage) or the target never was the writer. A copy that survived
     * the fault but does not answer yet (a PostgreSQL server fenced by its keeper, rewound when the
     * links heal) is waited for.
     */
    private LedgerCheck ledger(Setup setup, List<AckedWrite> lost, boolean targetSurvives, Consumer<String> progress) throws Exception {
        DataStoreEngine store = setup.store();
        long deadline = clock.millis() + 30_000;
        while (clock.millis() < deadline) {
            RegionState old = store.state(setup.target());
            if (!old.reachable() && !targetSurvives) {
                return null; // the old writer's node is not there (region outage)
            }
            RegionState writer = store.state(awaitWriter(setup));
            if (old.reachable() && old.role() == ReplicaRole.REPLICA && old.epoch() == writer.epoch() && old.lastContact() != null
                    && clock.millis() - old.lastContact().toEpochMilli() < 2_000) {
                java.util.Set<String> keys = new java.util.HashSet<>();
                List<io.pilotlight.engine.LostWrite> entries = store.lostWrites(setup.target());
                entries.forEach(entry -> keys.add(entry.key()));
                progress.accept(setup.target() + " rejoined as a replica; its lost-writes ledger names " + entries.size() + " writes");
                return LedgerCheck.of(setup.target(), lost, keys, entries.size());
            }
            Thread.sleep(300);
        }
        progress.accept(setup.target() + "'s store node did not rejoin within 30 s; its ledger was not checked");
        return null;
    }
}
