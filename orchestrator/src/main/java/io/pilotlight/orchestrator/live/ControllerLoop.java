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
    private final ControllerState state;
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

    public ControllerLoop(Topology topology, DeploymentLayout layout, ComputeProvider compute, HealthView health, Path stateDir,
                          Clock clock, Consumer<String> log) {
        this(topology, layout, compute, null, health, stateDir, clock, log);
    }

    public ControllerLoop(Topology topology, DeploymentLayout layout, ComputeProvider compute, EngineFactory.Restorer restorer, HealthView health,
                          Path stateDir, Clock clock, Consumer<String> log) {
        this.topology = topology;
        this.layout = layout;
        this.compute = compute;
        this.health = health;
        this.clock = clock;
        this.log = log;
        this.decisions = new DecisionLog(log);
        this.settings = ControllerSettings.of(topology);
        this.state = new ControllerState(stateDir, initialPrimary(topology));
        this.audit = new AuditLog(stateDir.resolve(AuditLog.FILE_NAME));
        this.engines = new DeploymentEngines(topology, layout, restorer);
        this.executor = new RunbookExecutor(new LiveActions(topology, layout, compute, engines), stateDir.resolve("runbooks"),
                audit, clock, log);
        this.thread = Thread.ofPlatform().name("controller").unstarted(this::loop);
    }

    private static String initialPrimary(Topology topology) {
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
        for (String region : topology.regions().keySet()) {
            if (!region.equals(state.primary())) {
                Runbook interrupted = RunbookPlanner.failover(topology, state.primary(), region);
                if (executor.interrupted(interrupted)) {
                    log.accept("resuming the interrupted runbook " + interrupted.id());
                    finish(executor.run(interrupted, "controller", "resumed after a controller restart"), region);
                }
            }
        }
        reconcileCompute();
        awaitPrimaryReady();
        thread.start();
    }

    /**
     * Instances that are still starting fail their checks: the primary is judged only once it has
     * been seen healthy, or once its instances' ready time has passed.
     */
    private void awaitPrimaryReady() throws InterruptedException {
        java.time.Duration ready = topology.compute().values().stream().map(io.pilotlight.topology.Compute::instanceReadyTime)
                .max(java.time.Duration::compareTo).orElse(java.time.Duration.ZERO).plusSeconds(5);
        long deadline = System.nanoTime() + ready.toNanos();
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
                log.accept(compute.scale(service.getKey(), region.getKey(), wanted));
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
                Decision decision = Controller.decide(snapshot(), settings);
                if (decisions.record(decision)) { // each change of decision is a typed audit event too: what tools read
                    audit.append(AuditEntry.ofDecision(clock.instant(), decision.action().name(), decision.target(), decision.reason()));
                }
                if (decision.action() == Action.FAIL_OVER) {
                    failover(decision.target(), "controller", decision.reason());
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
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
