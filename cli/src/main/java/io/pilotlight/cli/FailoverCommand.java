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
        description = {"The failover runbook of the topology's pattern, generated from the file: with --dry-run it prints",
            "each step with the time the planner expects it to take, and changes nothing."},
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Topology topology = TopologyLoader.load(file).topology();
        String source = from != null ? from : failback ? standby(topology) : primary(topology);
        Runbook runbook = failback ? RunbookPlanner.failback(topology, source, to) : RunbookPlanner.failover(topology, source, to);
        spec.commandLine().getOut().print(RunbookText.render(runbook));
        if (!dryRun) {
            spec.commandLine().getErr().println("\nOnly --dry-run is available yet: executing a runbook needs the running deployment"
                    + " that `pilotlight lab up` will provide. Nothing was changed.");
            return ExitCodes.BAD_INPUT;
        }
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
