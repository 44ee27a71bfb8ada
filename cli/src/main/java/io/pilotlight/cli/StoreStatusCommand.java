package io.pilotlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotlight.planner.report.TextTable;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows every node: role, epoch, log position, and each replica's lag in entries and milliseconds",
            "(the RPO a failover would cost right now)."})
final class StoreStatusCommand implements Callable<Integer> {
    @CommandLine.Mixin
    PeersOption peers;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TextTable table = new TextTable("", "REGION", "ROLE", "EPOCH", "LAST INDEX", "LAG ENTRIES", "LAG MS", "NOTE");
        var json = StoreHttp.JSON.createObjectNode();
        for (Map.Entry<String, String> peer : peers.map().entrySet()) {
            try {
                JsonNode status = StoreHttp.get(peer.getValue() + "/status").body();
                json.set(peer.getKey(), status);
                boolean writer = "WRITER".equals(status.path("role").asText());
                table.row(peer.getKey(), status.path("role").asText().toLowerCase(), status.path("epoch").asText(),
                        status.path("lastIndex").asText(), writer ? "-" : status.path("lagEntries").asText(),
                        writer ? "-" : status.path("lagMillis").asText(), status.path("lastError").asText(""));
            } catch (java.io.IOException down) {
                json.put(peer.getKey(), "unreachable");
                table.row(peer.getKey(), "unreachable", "-", "-", "-", "-", down.getMessage());
            }
        }
        spec.commandLine().getOut().print(format == OutputFormat.json ? StoreHttp.pretty(json) + "\n" : table.render());
        return ExitCodes.OK;
    }
}
