package io.pilotlight.orchestrator.live;

import io.pilotlight.engine.DataStoreEngine;
import io.pilotlight.engine.EngineFactory;
import io.pilotlight.engine.RegionState;
import io.pilotlight.health.HealthStatus;
import io.pilotlight.health.HealthView;
import io.pilotlight.orchestrator.compute.ComputeProvider;
import io.pilotlight.orchestrator.decide.Action;
import io.pilotlight.orchestrator.decide.Controller;
import io.pilotlight.orchestrator.decide.ControllerSettings;
import io.pilotlight.orchestrator.decide.Decision;
import io.pilotlight.orchestrator.decide.RegionView;
import io.pilotlight.orchestrator.decide.Snapshot;
import io.pilotlight.orchestrator.runbook.AuditEntry;
import io.pilotlight.orchestrator.runbook.AuditLog;
import io.pilotlight.orchestrator.runbook.Runbook;
import io.pilotlight.orchestrator.runbook.RunbookExecutor;
import io.pilotlight.orchestrator.runbook.RunbookPlanner;
import io.pilotlight.orchestrator.runbook.RunbookResult;
import io.pilotlight.topology.Capacity;
import io.pilotlight.topology.HealthCheckCatalog;
import io.pilotlight.topology.RegionRole;
import io.pilotlight.topology.Topology;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The controller: runs the primary's compute, watches health and the stores, asks {@link Controller}
 * what to do every tick, logs each change of decision with its reason ({@link DecisionLog}), and runs the failover runbook when
 * told to. A runbook interrupted by a crash is resumed at start.
 */
public final class ControllerLoop implements AutoCloseable {
    private final Topology topology;
    private final DeploymentLayout layout;
    private final ComputeProvider compute;
    private final HealthView health;
    private final Clock clock;
    private final Consumer<String> log;
    private final PrimaryRecord state;
    private final Leadership leadership;
    private final RunbookExecutor executor;
    private final DeploymentEngines engines;
    private final DecisionLog decisions;
    private final ControllerSettings settings;
    private final AuditLog audit;
    private String lastError;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Runnable onReady = () -> { };
    private boolean readyTold;
    private Instant unhealthySince;
    private boolean acting;
    private long watchingSince;
    private String seenHealthy;
    private String standingBy;

    public ControllerLoop(Topology topology, DeploymentLayout layout, ComputeProvider compute, HealthView health, Path stateDir,
                          Clock clock, Consumer<String> log) {
        this(topology, layout, compute, null, health, stateDir, clock, log);
    }

    public ControllerLoop(Topology topology, DeploymentLayout layout, ComputeProvider compute, EngineFactory.Restorer restorer, HealthView health,
                          Path stateDir, Clock clock, Consumer<String> log) {
        this(topology, layout, compute, restorer, health, stateDir, ControlPlane.local(stateDir, initialPrimary(topology)), clock, log);
    }

    /**
     * A controller that shares its plane with others (agents: leadership, primary record and runbook progress in etcd).
     * It watches all the time, and acts (decides, scales, runs and resumes runbooks) only while its plane lets it.
     */
    public ControllerLoop(Topology topology, DeploymentLayout layout, ComputeProvider compute, EngineFactory.Restorer restorer, HealthView health,
                          Path stateDir, ControlPlane plane, Clock clock, Consumer<String> log) {
        this.topology = topology;
        this.layout = layout;
        this.compute = compute;
        this.health = health;
        this.clock = clock;
        this.log = log;
        this.decisions = new DecisionLog(log);
        this.settings = ControllerSettings.of(topology);
        this.state = plane.primary();
        this.leadership = plane.leadership();
        this.audit = new AuditLog(stateDir.resolve(AuditLog.FILE_NAME));
        this.engines = new DeploymentEngines(topology, layout, restorer);
        this.executor = new RunbookExecutor(new LiveActions(topology, layout, compute, engines), plane.progress(),
                audit, clock, log, leadership::mayNotAct);
        this.thread = Thread.ofPlatform().name("controller").unstarted(this::loop);
    }

    public static String initialPrimary(Topology topology) {
        return topology.regions().entrySet().stream().filter(e -> e.getValue().role() == RegionRole.PRIMARY)
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new IllegalArgumentException("the controller needs a primary region"));
    }

    /**
     * Runs once, the first time the loop sees the primary healthy: what a supervisor waits for before
     * it calls the deployment ready (never merely because a start-up deadline passed).
     */
    public void onReady(Runnable ready) {
        this.onReady = ready;
    }

    public void start() throws Exception {
        watchingSince = System.nanoTime();
        if (leadership == Leadership.ALONE) { // the one controller: in charge from the start, once the primary is ready
            takeCharge("resumed after a controller restart");
            awaitPrimaryReady();
        }
        thread.start();
    }

    /**
     * Whether the primary may be judged yet: once this controller has seen it healthy, or once its instances' ready
     * time has passed since it started watching (instances still starting fail their checks). A candidate that took
     * the lead from a dead leader has been watching all along, so this never delays a failover.
     */
    private boolean primaryJudgeable() {
        if (state.primary().equals(seenHealthy)) {
            return true;
        }
        if (regionHealth(state.primary()) == HealthStatus.HEALTHY) {
            seenHealthy = state.primary();
            return true;
        }
        return System.nanoTime() - watchingSince > readyTime().toNanos();
    }

    private java.time.Duration readyTime() {
        return topology.compute().values().stream().map(io.pilotlight.topology.Compute::instanceReadyTime)
                .max(java.time.Duration::compareTo).orElse(java.time.Duration.ZERO).plusSeconds(5);
    }

    /** What a controller does when it starts to act: finish a runbook another (or its former self) left unfinished, then set compute. */
    private void takeCharge(String why) throws Exception {
        state.refresh();
        for (String region : topology.regions().keySet()) {
            if (!region.equals(state.primary()) && topology.regions().get(region).role() != RegionRole.WITNESS) {
                Runbook interrupted = RunbookPlanner.failover(topology, state.primary(), region);
                if (executor.interrupted(interrupted)) {
                    log.accept("resuming the interrupted runbook " + interrupted.id());
                    finish(executor.run(interrupted, "controller", why), region);
                }
            }
        }
        reconcileCompute();
        acting = true; // only now: a take-over that failed half-way (etcd gone) is tried again on the next tick
    }

    /** Acts only while the plane lets it; says once why it stands by, and once when it takes charge. */
    private boolean mayAct() throws Exception {
        Optional<String> notNow = leadership.mayNotAct();
        if (notNow.isPresent()) {
            if (acting || !notNow.get().equals(standingBy)) {
                log.accept("standing by: " + notNow.get());
            }
            acting = false;
            standingBy = notNow.get();
            return false;
        }
        if (!acting) {
            log.accept("acting as the controller" + (standingBy == null ? "" : " (was standing by: " + standingBy + ")"));
            standingBy = null;
            takeCharge("resumed by the new leader");
        }
        return true;
    }

    /**
     * Instances that are still starting fail their checks: the primary is judged only once it has
     * been seen healthy, or once its instances' ready time has passed.
     */
    private void awaitPrimaryReady() throws InterruptedException {
        long deadline = System.nanoTime() + readyTime().toNanos();
        LiveActions direct = new LiveActions(topology, layout, compute);
        for (var service : topology.compute().entrySet()) {
            Capacity capacity = service.getValue().capacity().get(state.primary());
            if (capacity != null && capacity.active() > 0) {
                try { // ask the instances themselves: before its first probes the health view says "healthy" by default
                    log.accept(direct.run(new io.pilotlight.orchestrator.runbook.Step(0, io.pilotlight.orchestrator.runbook.StepKind.WAIT_HEALTHY,
                            "initial health", Map.of("service", service.getKey(), "region", state.primary()), java.time.Duration.ZERO)));
                } catch (Exception notYet) {
                    log.accept("primary " + state.primary() + " not ready: " + notYet.getMessage());
                }
            }
        }
        while (regionHealth(state.primary()) != HealthStatus.HEALTHY && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        log.accept("primary " + state.primary() + " is " + regionHealth(state.primary()).name().toLowerCase() + "; watching");
    }

    /** Primary at full capacity, every other region at its standby capacity. Idempotent. */
    private void reconcileCompute() throws Exception {
        for (var service : topology.compute().entrySet()) {
            for (var region : service.getValue().capacity().entrySet()) {
                Capacity capacity = region.getValue();
                int wanted = region.getKey().equals(state.primary()) ? capacity.active() : capacity.standby();
                log.accept(compute.request(service.getKey(), region.getKey(), wanted));
            }
        }
    }

    private void loop() {
        while (running) {
            try {
                state.refresh();
                if (!readyTold && regionHealth(state.primary()) == HealthStatus.HEALTHY) {
                    readyTold = true;
                    onReady.run();
                }
                Snapshot snapshot = snapshot(); // every candidate watches, so a new leader already knows since when the primary is down
                if (!mayAct() || !primaryJudgeable()) {
                    Thread.sleep(250);
                    continue;
                }
                Decision decision = Controller.decide(snapshot, settings);
                if (decisions.record(decision)) { // each change of decision is a typed audit event too: what tools read
                    audit.append(AuditEntry.ofDecision(clock.instant(), decision.action().name(), decision.target(), decision.reason()));
                }
                if (decision.action() == Action.FAIL_OVER) {
                    failover(decision.target(), "controller", decision.reason());
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                String error = "controller error: " + e.getMessage();
                if (!error.equals(lastError)) { // a lasting error is logged once, not every 250 ms
                    log.accept(error);
                }
                lastError = error;
                sleepAfterError();
                continue;
            }
            lastError = null;
        }
    }

    /** After an error the loop waits a tick too, rather than spinning on an error that lasts. */
    private void sleepAfterError() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the failover runbook to {@code target}; used by the loop and by a manual `pilotlight failover`. */
    public synchronized RunbookResult failover(String target, String actor, String why) {
        Runbook runbook = RunbookPlanner.failover(topology, state.primary(), target);
        log.accept("starting " + runbook.id() + " (" + actor + "): " + why);
        RunbookResult result = executor.run(runbook, actor, why);
        finish(result, target);
        return result;
    }

    private void finish(RunbookResult result, String target) {
        if (result.completed()) {
            state.failedOver(target, clock.instant());
            unhealthySince = null;
            log.accept("failover to " + target + " completed");
        } else {
            log.accept("failover to " + target + " stopped: " + result.failure());
        }
    }

    private Snapshot snapshot() {
        Map<String, RegionView> regions = new LinkedHashMap<>();
        Optional<DataStoreEngine> store = engines.primaryStore();
        for (String region : topology.regions().keySet()) {
            if (topology.regions().get(region).role() == RegionRole.WITNESS) {
                continue; // a witness holds an etcd member only: nothing to fail over to
            }
            Optional<RegionState> copy = store.filter(engine -> engine.regions().contains(region)).map(engine -> engine.state(region))
                    .filter(RegionState::reachable);
            long lag = copy.map(c -> c.lag().millis()).orElse(-1L);
            int instances = topology.compute().keySet().stream().mapToInt(service -> compute.running(service, region)).sum();
            regions.put(region, new RegionView(region, regionHealth(region), copy.isPresent(), lag, region.equals(state.primary()), instances));
        }
        Instant now = clock.instant();
        if (regions.get(state.primary()).health() == HealthStatus.UNHEALTHY) {
            unhealthySince = unhealthySince == null ? now : unhealthySince;
        } else {
            unhealthySince = null;
        }
        return new Snapshot(now, state.primary(), regions, unhealthySince, state.lastFailover());
    }

    /** A region is unhealthy when every service check in it is; healthy when any is. */
    private HealthStatus regionHealth(String region) {
        boolean anyHealthy = false;
        boolean allUnhealthy = true;
        boolean any = false;
        for (String service : topology.services().keySet()) {
            if (!topology.services().get(service).endpoints().containsKey(region)) {
                continue;
            }
            any = true;
            HealthStatus status = health.status(HealthCheckCatalog.derivedName(service, region));
            anyHealthy |= status == HealthStatus.HEALTHY;
            allUnhealthy &= status == HealthStatus.UNHEALTHY;
        }
        return !any ? HealthStatus.UNKNOWN : anyHealthy ? HealthStatus.HEALTHY : allUnhealthy ? HealthStatus.UNHEALTHY : HealthStatus.UNKNOWN;
    }

    /** Records a failover run by hand, so a running controller takes the new primary as its own. */
    public static void recordFailover(Path stateDir, String newPrimary) {
        new ControllerState(stateDir, newPrimary).failedOver(newPrimary, Instant.now());
    }

    public String primary() {
        return state.primary();
    }

    @Override
    public void close() {
        engines.close();
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
