package io.pilotlight.cli;

import io.pilotlight.drill.DrillReports;
import io.pilotlight.drill.session.DrillSession;
import io.pilotlight.drill.session.LabAddresses;
import io.pilotlight.topology.load.TopologyLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Starts the lab, drives synthetic clients through DNS, injects the fault at t0 and measures the RTO",
            "(until clients sustain 99%% success over 10 s) and the RPO (every acknowledged write read back), against the",
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

    @Override
    public Integer call() throws Exception {
        OutputFormat.textOrJson(format, spec);
        deployment.defaultStateDir(".pilotlight/drill-lab");
        var given = spec.commandLine().getParseResult();
        LabAddresses givenAddresses = new LabAddresses(given.hasMatchedOption("--dns") ? deployment.dns : null,
                given.hasMatchedOption("--dns-admin") ? deployment.dnsAdmin : null,
                given.hasMatchedOption("--coordinator") ? deployment.coordinator : null,
                given.hasMatchedOption("--store-port") ? deployment.storePort : 0);
        DrillSession.Request request = new DrillSession.Request(file, TopologyLoader.load(file).topology(), drillName, scenario, target,
                errorRatio, reportDir, history, clientCache, deadline, operatorDelay, deployment.stateDir, givenAddresses,
                new LabAddresses(deployment.dns, deployment.dnsAdmin, deployment.coordinator, deployment.storePort),
                new VersionProvider().getVersion()[0]);
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        DrillSession session = new DrillSession(request, DrillRunCommand::launch, Clock.systemUTC(), err);
        DrillSession.Outcome outcome;
        try {
            // progress is not the result: it goes to stderr, so stdout holds only the report (one JSON document with --format json)
            outcome = session.run(line -> {
                err.println("drill: " + line);
                err.flush();
            });
        } catch (Exception e) {
            if (format == OutputFormat.json && session.failure().isPresent()) {
                out.println(JsonOutput.pretty(session.failure().get()));
                out.flush();
            }
            throw e;
        }
        out.print(format == OutputFormat.json ? DrillReports.pretty(outcome.json()) + "\n" : DrillReports.text(outcome.report(), outcome.context()));
        out.flush();
        return outcome.report().exitCode();
    }

    /** Another pilotlight command on this JVM's binary; a lab started for the drill goes when the drill goes. */
    private static ProcessBuilder launch(List<String> args, boolean tiedToCaller) {
        ProcessBuilder builder = new ProcessBuilder(SelfLaunch.pilotlight(args));
        if (tiedToCaller) {
            builder.environment().put(Foreground.PARENT_ENV, Long.toString(ProcessHandle.current().pid()));
        }
        return builder;
    }
}
