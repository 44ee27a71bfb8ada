package io.pilotlight.drill.session;

import io.pilotlight.drill.DrillReport;
import io.pilotlight.drill.DrillReports;
import io.pilotlight.drill.DrillRunner;
import io.pilotlight.drill.Fault;
import io.pilotlight.drill.GrayFailure;
import io.pilotlight.drill.PlannedSwitchover;
import io.pilotlight.drill.PlayedOperator;
import io.pilotlight.drill.RegionOutage;
import io.pilotlight.drill.RegionPartition;
import io.pilotlight.drill.ReportContext;
import io.pilotlight.drill.history.DrillHistory;
import io.pilotlight.drill.history.DrillRecord;
import io.pilotlight.drill.lab.LabFile;
import io.pilotlight.drill.lab.LabLock;
import io.pilotlight.drill.lab.LinkControl;
import io.pilotlight.engine.DataStoreEngine;
import io.pilotlight.orchestrator.live.DeploymentEngines;
import io.pilotlight.orchestrator.live.DeploymentLayout;
import io.pilotlight.planner.drills.LabSupport;
import io.pilotlight.topology.DnsNames;
import io.pilotlight.topology.DrillScenario;
import io.pilotlight.topology.FailoverMode;
import io.pilotlight.topology.RecordSet;
import io.pilotlight.topology.RegionRole;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.spec.WireNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One drill, start to finish, as a library: topology + scenario + options in, report and history
 * entry out. It checks every output path first, starts the lab (or uses a running one), runs
 * {@link DrillRunner}, writes report.json and report.html, appends the history line (also when it
 * fails or is interrupted), and stops the lab it started. The CLI only parses flags and prints.
 */
public final class DrillSession {

    /** Starts another pilotlight command as a process (the CLI gives its own binary and class path). */
    @FunctionalInterface
    public interface Launcher {
        /** @param tiedToCaller the process must stop when this one does (the lab a drill starts) */
        ProcessBuilder pilotlight(List<String> args, boolean tiedToCaller);
    }

    /**
     * What to drill and how.
     *
     * @param drillName     the topology's drill to run and record under (its scenario and target), or null
     * @param scenario      --scenario, or null for the drill's or region-outage
     * @param target        --target, or null for the drill's or the primary
     * @param reportDir     where report.json and report.html go; null for .pilotlight/drills/TIME
     * @param given         the lab addresses the user set (null or 0 where not): others are free ports, or a running lab's
     * @param defaults      the addresses a running lab without a record of them uses
     * @param operatorDelay manual mode: how long the played operator takes after the alert; null for the decision delay
     */
    public record Request(Path file, Topology topology, String drillName, String scenario, String target, double errorRatio,
                          Path reportDir, Path history, Duration clientCache, Duration deadline, Duration operatorDelay,
                          Path labState, LabAddresses given, LabAddresses defaults, String version) {
    }

    /** A drill that ran to its verdict: the report, where it was written, and its JSON document. */
    public record Outcome(DrillReport report, ReportContext context, Map<String, Object> json) {
    }

    private final Request request;
    private final Launcher launcher;
    private final Clock clock;
    private final PrintWriter err;
    private final Instant startedAt;
    private Map<String, Object> failure;

    public DrillSession(Request request, Launcher launcher, Clock clock, PrintWriter err) {
        this.request = request;
        this.launcher = launcher;
        this.clock = clock;
        this.err = err;
        this.startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Runs the drill. Bad input (an undrillable topology, an output path it cannot write, a lab directory in use) is an
     * {@link IllegalArgumentException} before anything starts; any other failure is recorded in the history, described
     * by {@link #failure()}, and rethrown.
     */
    public Outcome run(Consumer<String> progress) throws Exception {
        Topology topology = request.topology();
        if (!LabSupport.missing(topology).isEmpty()) { // at once, not after minutes of waiting
            throw new IllegalArgumentException(request.file() + ": " + LabSupport.explain(topology));
        }
        DrillChoice choice = DrillChoice.of(topology, request.file(), request.drillName(), request.scenario(), request.target());
        String primary = topology.regions().entrySet().stream().filter(e -> e.getValue().role() == RegionRole.PRIMARY)
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new IllegalArgumentException("the drill needs a primary region"));
        String victim = choice.target() != null ? choice.target() : primary;
        if (!topology.regions().containsKey(victim)) {
            throw new IllegalArgumentException("--target \"" + victim + "\" is not a region of " + request.file() + "; regions: "
                    + topology.regions().keySet());
        }
        String standby = topology.regions().entrySet().stream()
                .filter(e -> e.getValue().role() == RegionRole.STANDBY && !e.getKey().equals(victim)) // never a witness
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the drill needs a standby region besides " + victim));
        String service = topology.services().keySet().stream().findFirst().orElseThrow(() -> new IllegalArgumentException("no service"));
        String name = routedName(topology);
        Path labState = request.labState();
        LabAddresses lab = LabAddresses.choose(request.given(), request.defaults(), topology, labState);
        // the lab's PostgreSQL servers, if any, live under STATE_DIR/pg; the drill reads them as an observer (no lease of its own)
        DeploymentLayout layout = DeploymentLayout.conventional(topology, lab.storePort(), lab.dns(), lab.dnsAdmin(), null)
                .withManagedPostgres(topology, io.pilotlight.drill.lab.LabPlan.postgresRoot(labState), lab.coordinator());
        // every path the drill writes is checked before the lab starts: a bad one must not waste the drill
        Path dir = request.reportDir() != null ? request.reportDir() : Path.of(".pilotlight/drills/" + startedAt.toString().replace(':', '-'));
        DrillOutputs.checkReportDir(request.reportDir() != null ? "--report-dir" : "the report directory (--report-dir)", dir);
        Path historyFile = request.history() != null ? request.history() : DrillHistory.DEFAULT_FILE;
        DrillOutputs.checkHistory("--history", historyFile);
        AtomicReference<Instant> t0 = new AtomicReference<>();
        try (UnfinishedDrill unfinished = new UnfinishedDrill(new DrillHistory(historyFile), startedAt, topology.name(), choice.drill(),
                choice.scenario(), victim, t0::get, err, clock)) {
            try {
                return drill(new Plan(choice, labState, lab, layout, service, name, victim, standby, dir), t0, unfinished, progress);
            } catch (IllegalArgumentException badInput) {
                throw badInput; // e.g. a --state-dir of a running lab: nothing ran, exit 2 (no history line, no report)
            } catch (Exception e) {
                if (unfinished.failed(e)) {
                    failure = failureJson(topology, choice.scenario(), victim, t0.get(), e, historyFile);
                }
                throw e;
            }
        }
    }

    /** With a JSON output, what to print for a drill that ended without a verdict (after {@link #run} threw); empty otherwise. */
    public Optional<Map<String, Object>> failure() {
        return Optional.ofNullable(failure);
    }

    /** What the drill resolved before it started: the lab, the regions and the name the clients resolve. */
    private record Plan(DrillChoice choice, Path labState, LabAddresses lab, DeploymentLayout layout, String service, String name,
                        String victim, String standby, Path reportDir) {
    }

    private Outcome drill(Plan plan, AtomicReference<Instant> t0, UnfinishedDrill unfinished, Consumer<String> progress) throws Exception {
        Topology topology = request.topology();
        // a lab whose supervisor is alive in that state directory is used as it is, and left running
        boolean labRunning = LabFile.running(plan.labState()).isPresent();
        progress.accept(labRunning ? "using the lab running in " + plan.labState() : "starting the lab for " + topology.name() + " ...");
        if (!labRunning) {
            freshState(plan.labState());
        }
        AtomicReference<Process> started = new AtomicReference<>();
        unfinished.onInterrupt(() -> stop(started.get()));
        Process lab = labRunning ? null : startLab(plan);
        started.set(lab);
        try (DeploymentEngines engines = new DeploymentEngines(topology, plan.layout(), null)) {
            String listen = plan.layout().services().get(plan.service()).get(plan.victim());
            int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
            String[] dns = plan.lab().dns().split(":");
            DataStoreEngine store = engines.primaryStore().orElseThrow(() -> new IllegalArgumentException(request.file()
                    + " has no global database or backup: the drill reads its clients' writes back from one"));
            DrillRunner.Setup setup = new DrillRunner.Setup(topology, plan.labState(), new InetSocketAddress(dns[0], Integer.parseInt(dns[1])),
                    plan.lab().dnsAdmin(), store, plan.service(), port, plan.name(), plan.victim(), plan.standby(),
                    topology.regions().get(plan.victim()).address(), request.clientCache(), request.deadline(), operator(plan),
                    serviceTls(topology, plan));
            TimedFault fault = new TimedFault(fault(plan), t0, clock);
            unfinished.onInterrupt(() -> {
                healIfInjected(fault, t0, progress); // a lab that was already running stays: without its fault
                stop(lab);
            });
            DrillReport report;
            try {
                report = new DrillRunner(clock).run(setup, fault, progress);
            } catch (Exception failed) {
                healIfInjected(fault, t0, progress);
                throw failed;
            }
            ReportContext context = new ReportContext(startedAt, request.version(), request.file(), plan.reportDir());
            Map<String, Object> json = DrillReports.json(report, context);
            Files.createDirectories(plan.reportDir());
            Files.writeString(context.json(), DrillReports.pretty(json) + "\n");
            Files.writeString(context.html(), DrillReports.html(report, context));
            unfinished.finished(DrillRecord.of(report, plan.choice().scenario(), plan.choice().drill(), plan.reportDir()));
            return new Outcome(report, context, json);
        } finally {
            stop(lab);
        }
    }

    private static String routedName(Topology topology) {
        for (var zone : topology.dnsOrEmpty().zones().entrySet()) {
            for (RecordSet set : zone.getValue().recordSets()) {
                if (set.hasRoutingPolicy()) {
                    return DnsNames.absolute(set.name(), zone.getKey());
                }
            }
        }
        throw new IllegalArgumentException("the topology has no routed record set for clients to resolve");
    }

    /**
     * A drill that fails or is interrupted after its fault heals an injected partition or gray failure
     * (healing twice is harmless); a planned switchover is left to finish, which may take minutes.
     */
    private static void healIfInjected(Fault fault, AtomicReference<Instant> t0, Consumer<String> progress) {
        if (t0.get() == null || fault.planned()) {
            return;
        }
        try {
            String healed = fault.heal();
            if (healed != null) {
                progress.accept(healed);
            }
        } catch (Exception e) {
            progress.accept("could not heal the " + fault.scenario() + " fault: " + e.getMessage());
        }
    }

    private static void stop(Process lab) {
        if (lab == null) {
            return;
        }
        lab.destroy();
        try {
            if (!lab.waitFor(30, TimeUnit.SECONDS)) {
                lab.destroyForcibly();
            }
        } catch (InterruptedException e) {
            lab.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** What a drill that ended without a verdict reports: what happened and why. */
    private Map<String, Object> failureJson(Topology topology, DrillScenario kind, String victim, Instant faultAt, Exception e,
                                            Path historyFile) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("at", (faultAt != null ? faultAt : startedAt).toString());
        root.put("started_at", startedAt.toString());
        root.put("pilotlight_version", request.version());
        root.put("topology", topology.name());
        root.put("topology_file", request.file().toString());
        root.put("scenario", WireNames.of(kind));
        root.put("target", victim);
        root.put("verdict", "error");
        root.put("reason", UnfinishedDrill.oneLine(e));
        root.put("history", historyFile.toString());
        return root;
    }

    private Fault fault(Plan plan) throws Exception {
        return switch (plan.choice().scenario()) {
            case REGION_OUTAGE -> new RegionOutage(plan.labState(), plan.service(), plan.victim());
            case PARTITION -> new RegionPartition(LinkControl.of(plan.labState()), plan.victim());
            case GRAY_FAILURE -> new GrayFailure(GrayFailure.faultFile(plan.labState().resolve("controller"), plan.service(), plan.victim()),
                    plan.service(), plan.victim(), request.errorRatio(), 42);
            case SWITCHOVER -> new PlannedSwitchover(failoverRunbook(plan, plan.victim(), plan.standby(), "switchover.log"),
                    plan.victim(), plan.standby());
        };
    }

    /** In manual mode nobody else runs the failover runbook during a lab drill: the drill plays the operator. */
    private PlayedOperator operator(Plan plan) {
        var failover = request.topology().failoverOrDefault();
        if (failover.mode() != FailoverMode.MANUAL) {
            return null;
        }
        Duration delay = request.operatorDelay() != null ? request.operatorDelay() : failover.decisionDelay();
        return new PlayedOperator(delay, to -> failoverRunbook(plan, plan.victim(), to, "operator.log"));
    }

    /**
     * A service whose health check is HTTPS serves the lab's certificate (made by the lab in STATE_DIR/tls):
     * the clients trust exactly that one. Null for plain HTTP.
     */
    private static javax.net.ssl.SSLContext serviceTls(Topology topology, Plan plan) throws java.io.IOException {
        var check = topology.services().get(plan.service()).healthCheck();
        if (check == null || check.type() != io.pilotlight.topology.HealthCheckType.HTTPS) {
            return null;
        }
        return io.pilotlight.http.tls.LabCertificate.clientContext(io.pilotlight.drill.lab.LabPlan.certificateFile(plan.labState()));
    }

    /** pilotlight failover against the lab, sharing its controller's state (and audit log); output to logs/LOG. */
    private ProcessBuilder failoverRunbook(Plan plan, String from, String to, String log) {
        Path labState = plan.labState();
        List<String> command = new ArrayList<>(List.of("failover", request.file().toString(),
                "--from", from, "--to", to, "--state-dir", labState.resolve("controller").toString(),
                "--store-port", Integer.toString(plan.lab().storePort()), "--dns", plan.lab().dns(), "--dns-admin", plan.lab().dnsAdmin(),
                "--coordinator", plan.lab().coordinator()));
        if (Files.isDirectory(labState.resolve("backups"))) { // backup and restore: the lab's backups are what the runbook restores
            command.addAll(List.of("--backup-dir", labState.resolve("backups").toString()));
        }
        if (Files.isDirectory(io.pilotlight.drill.lab.LabPlan.postgresRoot(labState))) { // the lab's PostgreSQL servers
            command.addAll(List.of("--postgres-root", io.pilotlight.drill.lab.LabPlan.postgresRoot(labState).toString()));
        }
        ProcessBuilder runbook = launcher.pilotlight(command, false).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(labState.resolve("logs").resolve(log).toFile()));
        Path certificate = io.pilotlight.drill.lab.LabPlan.certificateFile(labState);
        if (Files.exists(certificate)) { // the instances it starts serve the lab's certificate, which the lab's checks trust
            runbook.environment().put(io.pilotlight.drill.lab.LabPlan.LAB_CERTIFICATE_ENV, certificate.toString());
            runbook.environment().put("PILOTLIGHT_HEALTH_TRUST", io.pilotlight.http.tls.LabCertificate.pem(certificate).toString());
        }
        return runbook;
    }

    /**
     * A drill's own lab starts from nothing: the data, controller state and logs of an earlier drill
     * (a region already failed over) would change what is measured. Only a lab directory is removed.
     */
    private static void freshState(Path labState) throws IOException {
        if (!Files.exists(labState)) {
            return;
        }
        if (!Files.exists(labState.resolve(LabFile.NAME)) && !Files.exists(labState.resolve("logs"))) {
            throw new IllegalArgumentException("--state-dir " + labState + " exists but is not a lab's state directory; choose another");
        }
        if (LabLock.held(labState)) {
            throw new IllegalArgumentException("--state-dir " + labState + " belongs to a lab that is still starting or running;"
                    + " stop it (pilotlight lab down --state-dir " + labState + ") or choose another");
        }
        try (var paths = Files.walk(labState)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private Process startLab(Plan plan) throws Exception {
        LabAddresses lab = plan.lab();
        ProcessBuilder builder = launcher.pilotlight(List.of("lab", "up", request.file().toString(),
                "--state-dir", plan.labState().toString(), "--store-port", Integer.toString(lab.storePort()),
                "--dns", lab.dns(), "--dns-admin", lab.dnsAdmin(),
                "--coordinator-port", lab.coordinator().substring(lab.coordinator().lastIndexOf(':') + 1)), true).redirectErrorStream(true);
        Process process = builder.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = lines.readLine()) != null && !line.contains("is serving")) {
            seen.append(line).append('\n');
        }
        if (line == null) {
            throw new IllegalStateException("the lab did not start:\n" + seen);
        }
        Thread.ofVirtual().start(() -> lines.lines().forEach(ignored -> { }));
        return process;
    }
}
