package io.pilotlight.cli;

import io.pilotlight.orchestrator.runbook.Runbook;
import io.pilotlight.orchestrator.runbook.RunbookPlanner;
import io.pilotlight.orchestrator.runbook.RunbookText;
import io.pilotlight.topology.RegionRole;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.TopologyLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "failover", mixinStandardHelpOptions = true,
        description = {"Runs the failover (or --failback) runbook of the topology's pattern against the running deployment,",
            "timing and auditing each step; with --dry-run it prints each step with the time the planner expects it",
            "to take, and changes nothing. A run that stopped part-way resumes at the first unfinished step."},
        footer = {"", "Examples:", "  pilotlight failover examples/pilot-light.yaml --to us-west-2 --dry-run",
            "  pilotlight failover examples/pilot-light.yaml --to us-east-1 --failback --dry-run"})
final class FailoverCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Topology file.")
    Path file;

    @Option(names = "--to", required = true, description = "Region to fail over to (with --failback: the region to return to).")
    String to;

    @Option(names = "--from", description = "Region to fail over from (default: the primary; with --failback: the standby now serving).")
    String from;

    @Option(names = "--failback", description = "The failback runbook: the recovered region takes the writer back, the standby scales down.")
    boolean failback;

    @Option(names = "--dry-run", description = "Print the runbook and its expected durations; change nothing.")
    boolean dryRun;

    @CommandLine.Mixin
    DeploymentOptions deployment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Topology topology = TopologyLoader.load(file).topology();
        deployment.defaultStateDir(".pilotlight/controller");
        String source = from != null ? from : failback ? standby(topology) : primary(topology);
        Runbook runbook = failback ? RunbookPlanner.failback(topology, source, to) : RunbookPlanner.failover(topology, source, to);
        spec.commandLine().getOut().print(RunbookText.render(runbook));
        if (dryRun) {
            return ExitCodes.OK;
        }
        var layout = deployment.layout(topology);
        var out = spec.commandLine().getOut();
        var compute = deployment.compute(topology, layout);
        var executor = new io.pilotlight.orchestrator.runbook.RunbookExecutor(new io.pilotlight.orchestrator.live.LiveActions(topology,
                layout, compute, deployment.restorer(compute)), deployment.stateDir.resolve("runbooks"),
                new io.pilotlight.orchestrator.runbook.AuditLog(deployment.stateDir.resolve(io.pilotlight.orchestrator.runbook.AuditLog.FILE_NAME)), java.time.Clock.systemUTC(),
                line -> {
                    out.println(line);
                    out.flush();
                });
        var result = executor.run(runbook, System.getProperty("user.name", "operator"), "pilotlight " + (failback ? "failback" : "failover")
                + " --to " + to + " by hand");
        if (!result.completed()) {
            spec.commandLine().getErr().println(result.failure());
            return ExitCodes.OBJECTIVE_MISSED;
        }
        io.pilotlight.orchestrator.live.ControllerLoop.recordFailover(deployment.stateDir, to);
        out.println("done: " + to + " serves");
        return ExitCodes.OK;
    }

    private static String primary(Topology topology) {
        return role(topology, RegionRole.PRIMARY);
    }

    private static String standby(Topology topology) {
        return role(topology, RegionRole.STANDBY);
    }

    private static String role(Topology topology, RegionRole role) {
        return topology.regions().entrySet().stream().filter(e -> e.getValue().role() == role).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the topology has no " + role.name().toLowerCase()
                        + " region; give --from"));
    }
}
