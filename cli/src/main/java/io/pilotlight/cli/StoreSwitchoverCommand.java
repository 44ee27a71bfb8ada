package io.pilotlight.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "switchover", mixinStandardHelpOptions = true,
        description = {"Planned switchover: the writer pauses writes, waits until the target has its whole log, hands over",
            "the lease, and becomes a replica. Nothing is lost; prints how long writes were paused."},
        footer = {"", "Exit codes: 0 switched over, 1 refused or aborted (writes resumed on the old writer), 2 bad input."})
final class StoreSwitchoverCommand implements Callable<Integer> {
    @CommandLine.Mixin
    PeersOption peers;

    @Option(names = "--to", required = true, description = "Region to make the writer.")
    String to;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> nodes = peers.map();
        if (!nodes.containsKey(to)) {
            throw new IllegalArgumentException("--to \"" + to + "\" is not one of the peers " + nodes.keySet());
        }
        String writer = StoreFailoverCommand.currentWriter(nodes);
        if (writer == null) {
            spec.commandLine().getErr().println("no live writer answers; use pilotlight store failover --to " + to);
            return ExitCodes.OBJECTIVE_MISSED;
        }
        io.pilotlight.store.node.SwitchoverReport report;
        try {
            report = new io.pilotlight.store.admin.StoreAdminClient(nodes.get(writer)).switchover(to, java.time.Duration.ofSeconds(30));
        } catch (java.io.IOException refused) {
            spec.commandLine().getErr().println("switchover refused: " + refused.getMessage());
            return ExitCodes.OBJECTIVE_MISSED;
        }
        spec.commandLine().getOut().println(report.summary());
        return ExitCodes.OK;
    }
}
