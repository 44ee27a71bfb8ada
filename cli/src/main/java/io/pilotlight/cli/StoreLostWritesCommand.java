package io.pilotlight.cli;

import io.pilotlight.planner.report.TextTable;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lost-writes", mixinStandardHelpOptions = true,
        description = {"The lost-writes ledger of every node: acknowledged writes a failover rolled back (key, value, log",
            "position, acknowledgement time). It is the exact RPO of each failover."})
final class StoreLostWritesCommand implements Callable<Integer> {
    @CommandLine.Mixin
    PeersOption peers;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFormat.textOrJson(format, spec);
        TextTable table = new TextTable("", "NODE", "KEY", "INDEX", "EPOCH", "ACKNOWLEDGED", "VALUE");
        var json = JsonOutput.JSON.createObjectNode();
        int count = 0;
        for (Map.Entry<String, String> peer : peers.map().entrySet()) {
            var ledger = new io.pilotlight.store.admin.StoreAdminClient(peer.getValue()).lostWrites();
            json.set(peer.getKey(), JsonOutput.snakeCase(JsonOutput.JSON.valueToTree(ledger), java.util.Set.of()));
            for (var lost : ledger) {
                count++;
                table.row(peer.getKey(), lost.key(), Long.toString(lost.index()), Long.toString(lost.epoch()),
                        Instant.ofEpochMilli(lost.ackTime()).toString(), lost.value() == null ? "" : lost.value());
            }
        }
        if (format == OutputFormat.json) {
            spec.commandLine().getOut().println(JsonOutput.pretty(json));
        } else {
            spec.commandLine().getOut().print(table.render());
            spec.commandLine().getOut().println(count + " lost write" + (count == 1 ? "" : "s"));
        }
        return ExitCodes.OK;
    }
}
