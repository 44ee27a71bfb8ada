package io.pilotlight.cli;

import io.pilotlight.drill.DrillReport;
import io.pilotlight.drill.DrillReports;
import io.pilotlight.drill.DrillRunner;
import io.pilotlight.drill.Fault;
import io.pilotlight.drill.GrayFailure;
import io.pilotlight.drill.PlannedSwitchover;
import io.pilotlight.drill.RegionOutage;
import io.pilotlight.drill.RegionPartition;
import io.pilotlight.drill.ReportContext;
import io.pilotlight.drill.history.DrillHistory;
import io.pilotlight.drill.history.DrillRecord;
import io.pilotlight.drill.lab.LabFile;
import io.pilotlight.drill.lab.LinkControl;
import io.pilotlight.orchestrator.live.DeploymentLayout;
import io.pilotlight.topology.DrillScenario;
import io.pilotlight.topology.RecordSet;
import io.pilotlight.topology.RegionRole;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.TopologyLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Starts the lab, drives synthetic clients through DNS, injects the fault at t0 and measures the RTO",
            "(until clients sustain 99 % success over 10 s) and the RPO (every acknowledged write read back), against the",
            "objectives and the planner's estimate. Writes report.json and report.html; prints the verdict."},
        footer = {"", "Exit codes: 0 objectives met, 1 missed, 2 bad input."})
final class DrillRunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Topology file.")
    Path file;

    @Option(names = "--drill", paramLabel = "NAME", description = "Run the topology's drill NAME (its scenario and target) and record it under that name, for the planner and the schedule.")
    String drillName;

    @Option(names = "--history", paramLabel = "PATH", description = "The drill history to append to (default: .pilotlight/drills/history.jsonl).")
    Path history;

    @Option(names = "--scenario", description = {
        "region-outage (default, or the --drill's scenario): kill the region's store node and instances;",
        "partition: cut its links to the other regions and the coordinator (processes keep running; the old writer must fence itself);",
        "gray-failure: a share of its requests fail (--error-ratio); switchover: a planned switchover to the standby."})
    String scenario;

    @Option(names = "--target", description = "Region to break (default: the primary).")
    String target;

    @Option(names = "--error-ratio", defaultValue = "0.5", description = "gray-failure: share of the target's requests that fail (default: ${DEFAULT-VALUE}).")
    double errorRatio;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--report-dir", description = "Where report.json and report.html go (default: .pilotlight/drills/TIME).")
    Path reportDir;

    @Option(names = "--client-dns-cache", description = "Clients keep DNS answers this long regardless of TTL (e.g. 30s, the JVM default); default: honour the TTL.")
    Duration clientCache;

    @Option(names = "--operator-delay", paramLabel = "DURATION", description = {
        "Manual mode (failover.mode: manual): the drill plays the operator, who runs pilotlight failover this long after the",
        "controller's alert (default: the topology's failover.decision_delay, what the planner budgets for the decision)."})
    Duration operatorDelay;

    @Option(names = "--deadline", defaultValue = "10m", description = "Give up waiting for recovery after this long (default: ${DEFAULT-VALUE}).")
    Duration deadline;

    @CommandLine.Mixin
    DeploymentOptions deployment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Instant startedAt;

    @Override
    public Integer call() throws Exception {
        OutputFormat.textOrJson(format, spec);
        startedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Topology topology = TopologyLoader.load(file).topology();
        if (!io.pilotlight.planner.drills.LabSupport.missing(topology).isEmpty()) { // at once, not after minutes of waiting
            throw new IllegalArgumentException(file + ": " + io.pilotlight.planner.drills.LabSupport.explain(topology));
        }
        DrillChoice choice = DrillChoice.of(topology, file, drillName, scenario, target);
        DrillScenario kind = choice.scenario();
        String primary = topology.regions().entrySet().stream().filter(e -> e.getValue().role() == RegionRole.PRIMARY)
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new IllegalArgumentException("the drill needs a primary region"));
        String victim = choice.target() != null ? choice.target() : primary;
        if (!topology.regions().containsKey(victim)) {
            throw new IllegalArgumentException("--target \"" + victim + "\" is not a region of " + file + "; regions: " + topology.regions().keySet());
        }
        String standby = topology.regions().entrySet().stream().filter(e -> e.getValue().role() != RegionRole.PRIMARY && !e.getKey().equals(victim))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new IllegalArgumentException("the drill needs a standby region besides " + victim));
        String service = topology.services().keySet().stream().findFirst().orElseThrow(() -> new IllegalArgumentException("no service"));
        String name = null;
        for (var zone : topology.dnsOrEmpty().zones().entrySet()) {
            for (RecordSet set : zone.getValue().recordSets()) {
                if (name == null && set.hasRoutingPolicy()) {
                    name = io.pilotlight.topology.DnsNames.absolute(set.name(), zone.getKey());
                }
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("the topology has no routed record set for clients to resolve");
        }
        deployment.defaultStateDir(".pilotlight/drill-lab");
        Path labState = deployment.stateDir;
        DrillPorts.choose(deployment, spec.commandLine().getParseResult(), topology, labState);
        var layout = deployment.layout(topology);
        // every path the drill writes is checked before the lab starts: a bad one must not waste the drill
        Path dir = reportDir != null ? reportDir : Path.of(".pilotlight/drills/" + startedAt.toString().replace(':', '-'));
        DrillOutputs.checkReportDir(reportDir != null ? "--report-dir" : "the report directory (--report-dir)", dir);
        Path historyFile = history != null ? history : DrillHistory.DEFAULT_FILE;
        DrillOutputs.checkHistory("--history", historyFile);
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        // progress is not the result: it goes to stderr, so stdout holds only the report (one JSON document with --format json)
        Consumer<String> progress = line -> {
            err.println("drill: " + line);
            err.flush();
        };
        AtomicReference<Instant> t0 = new AtomicReference<>();
        try (UnfinishedDrill unfinished = new UnfinishedDrill(new DrillHistory(historyFile), startedAt, topology.name(), choice.drill(),
                kind, victim, t0::get, err)) {
            try {
                return runDrill(topology, choice, kind, labState, layout, service, name, victim, standby, t0, dir, unfinished, progress);
            } catch (IllegalArgumentException badInput) {
                throw badInput; // e.g. a --state-dir of a running lab: nothing ran, exit 2 (no history line, no report)
            } catch (Exception e) {
                if (unfinished.failed(e) && format == OutputFormat.json) {
                    out.println(JsonOutput.pretty(errorJson(topology, kind, victim, t0.get(), e, historyFile)));
                    out.flush();
                }
                throw e;
            }
        }
    }

    private int runDrill(Topology topology, DrillChoice choice, DrillScenario kind, Path labState, DeploymentLayout layout, String service,
                         String name, String victim, String standby, AtomicReference<Instant> t0, Path dir,
                         UnfinishedDrill unfinished,
                         Consumer<String> progress) throws Exception {
        var out = spec.commandLine().getOut();
        // a lab whose supervisor is alive in that state directory is used as it is, and left running
        boolean labRunning = LabFile.running(labState).isPresent();
        progress.accept(labRunning ? "using the lab running in " + labState : "starting the lab for " + topology.name() + " ...");
        if (!labRunning) {
            freshState(labState);
        }
        AtomicReference<Process> started = new AtomicReference<>();
        unfinished.onInterrupt(() -> stop(started.get()));
        Process lab = labRunning ? null : startLab(labState);
        started.set(lab);
        try {
            String listen = layout.services().get(service).get(victim);
            int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
            String[] dns = deployment.dns.split(":");
            var store = new io.pilotlight.orchestrator.live.DeploymentEngines(topology, layout, null).primaryStore()
                    .orElseThrow(() -> new IllegalArgumentException(file + " has no global database or backup: the drill reads its"
                            + " clients' writes back from one"));
            DrillRunner.Setup setup = new DrillRunner.Setup(topology, labState, new InetSocketAddress(dns[0], Integer.parseInt(dns[1])),
                    deployment.dnsAdmin, store, service, port, name, victim, standby,
                    topology.regions().get(victim).address(), clientCache, deadline, operator(topology, labState, victim));
            TimedFault fault = new TimedFault(fault(kind, labState, service, victim, standby), t0);
            unfinished.onInterrupt(() -> {
                healIfInjected(fault, t0, progress); // a lab that was already running stays: without its fault
                stop(lab);
            });
            DrillReport report;
            try {
                report = new DrillRunner().run(setup, fault, progress);
            } catch (Exception failed) {
                healIfInjected(fault, t0, progress);
                throw failed;
            }
            ReportContext context = new ReportContext(startedAt, new VersionProvider().getVersion()[0], file, dir);
            String reportJson = JsonOutput.pretty(DrillReports.json(report, context));
            Files.createDirectories(dir);
            Files.writeString(context.json(), reportJson + "\n");
            Files.writeString(context.html(), DrillReports.html(report, context));
            unfinished.finished(DrillRecord.of(report, kind, choice.drill(), dir));
            if (format == OutputFormat.json) {
                out.println(reportJson);
            } else {
                out.print(DrillReports.text(report, context));
            }
            out.flush();
            return report.exitCode();
        } finally {
            stop(lab);
        }
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

    /** With --format json, a drill that ended without a verdict still prints one JSON document: what happened and why. */
    private Map<String, Object> errorJson(Topology topology, DrillScenario kind, String victim, Instant faultAt, Exception e,
                                                     Path historyFile) {
        Map<String, Object> root = new java.util.LinkedHashMap<>();
        root.put("at", (faultAt != null ? faultAt : startedAt).toString());
        root.put("started_at", startedAt.toString());
        root.put("pilotlight_version", new VersionProvider().getVersion()[0]);
        root.put("topology", topology.name());
        root.put("topology_file", file.toString());
        root.put("scenario", io.pilotlight.topology.spec.WireNames.of(kind));
        root.put("target", victim);
        root.put("verdict", "error");
        root.put("reason", UnfinishedDrill.oneLine(e));
        root.put("history", historyFile.toString());
        return root;
    }

    static DrillScenario scenarioOf(String name) {
        for (DrillScenario candidate : DrillScenario.values()) {
            if (candidate.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals(name)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("--scenario \"" + name + "\" is unknown; allowed: region-outage, partition, gray-failure, switchover");
    }

    private Fault fault(DrillScenario kind, Path labState, String service, String victim, String standby) throws Exception {
        return switch (kind) {
            case REGION_OUTAGE -> new RegionOutage(labState, service, victim);
            case PARTITION -> new RegionPartition(LinkControl.of(labState), victim);
            case GRAY_FAILURE -> new GrayFailure(DeploymentOptions.faultFile(labState.resolve("controller"), service, victim),
                    service, victim, errorRatio, 42);
            case SWITCHOVER -> new PlannedSwitchover(failoverRunbook(labState, victim, standby, "switchover.log"), victim, standby);
        };
    }

    /** In manual mode nobody else runs the failover runbook during a lab drill: the drill plays the operator. */
    private io.pilotlight.drill.PlayedOperator operator(Topology topology, Path labState, String victim) {
        var failover = topology.failoverOrDefault();
        if (failover.mode() != io.pilotlight.topology.FailoverMode.MANUAL) {
            return null;
        }
        Duration delay = operatorDelay != null ? operatorDelay : failover.decisionDelay();
        return new io.pilotlight.drill.PlayedOperator(delay, to -> failoverRunbook(labState, victim, to, "operator.log"));
    }

    /** pilotlight failover against the lab, sharing its controller's state (and audit log); output to logs/LOG. */
    private ProcessBuilder failoverRunbook(Path labState, String from, String to, String log) {
        List<String> command = new java.util.ArrayList<>(List.of("failover", file.toString(),
                "--from", from, "--to", to, "--state-dir", labState.resolve("controller").toString(),
                "--store-port", Integer.toString(deployment.storePort), "--dns", deployment.dns, "--dns-admin", deployment.dnsAdmin,
                "--coordinator", deployment.coordinator));
        if (Files.isDirectory(labState.resolve("backups"))) { // backup and restore: the lab's backups are what the runbook restores
            command.addAll(List.of("--backup-dir", labState.resolve("backups").toString()));
        }
        return new ProcessBuilder(SelfLaunch.pilotlight(command))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(labState.resolve("logs").resolve(log).toFile()));
    }

    /**
     * A drill's own lab starts from nothing: the data, controller state and logs of an earlier drill
     * (a region already failed over) would change what is measured. Only a lab directory is removed.
     */
    private static void freshState(Path labState) throws java.io.IOException {
        if (!Files.exists(labState)) {
            return;
        }
        if (!Files.exists(labState.resolve(LabFile.NAME)) && !Files.exists(labState.resolve("logs"))) {
            throw new IllegalArgumentException("--state-dir " + labState + " exists but is not a lab's state directory; choose another");
        }
        if (io.pilotlight.drill.lab.LabLock.held(labState)) {
            throw new IllegalArgumentException("--state-dir " + labState + " belongs to a lab that is still starting or running;"
                    + " stop it (pilotlight lab down --state-dir " + labState + ") or choose another");
        }
        try (var paths = Files.walk(labState)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private Process startLab(Path labState) throws Exception {
        List<String> command = SelfLaunch.pilotlight(List.of("lab", "up", file.toString(),
                "--state-dir", labState.toString(), "--store-port", Integer.toString(deployment.storePort),
                "--dns", deployment.dns, "--dns-admin", deployment.dnsAdmin,
                "--coordinator-port", deployment.coordinator.substring(deployment.coordinator.lastIndexOf(':') + 1)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(Foreground.PARENT_ENV, Long.toString(ProcessHandle.current().pid())); // a killed drill takes its lab along
        Process lab = builder.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = lines.readLine()) != null && !line.contains("is serving")) {
            seen.append(line).append('\n');
        }
        if (line == null) {
            throw new IllegalStateException("the lab did not start:\n" + seen);
        }
        Thread.ofVirtual().start(() -> lines.lines().forEach(ignored -> { }));
        return lab;
    }
}
