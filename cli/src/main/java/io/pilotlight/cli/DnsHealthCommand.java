package io.pilotlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotlight.dns.service.AdminClient;
import io.pilotlight.planner.report.TextTable;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Shows the health of every check of a running server, and with --events the recent state changes.")
final class DnsHealthCommand implements Callable<Integer> {
    @CommandLine.Mixin
    AdminOption admin;

    @Option(names = "--events", description = "Show the recent state changes with their evidence.")
    boolean events;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFormat.textOrJson(format, spec);
        AdminClient.Reply reply = new AdminClient(admin.address).get(events ? "/health/events" : "/health");
        if (format == OutputFormat.json) {
            spec.commandLine().getOut().println(JsonOutput.pretty(JsonOutput.snakeCase(reply.body(), java.util.Set.of("children"))));
            return ExitCodes.OK;
        }
        TextTable table = events ? new TextTable("", "TIME", "CHECK", "VANTAGE", "FROM", "TO", "REASON")
                : new TextTable("", "CHECK", "TYPE", "STATUS", "SINCE", "REASON");
        for (JsonNode row : reply.body()) {
            if (events) {
                table.row(row.path("at").asText(), row.path("check").asText(), row.path("vantage").asText(),
                        row.path("from").asText("-"), row.path("to").asText(), row.path("reason").asText());
            } else {
                table.row(row.path("name").asText(), row.path("type").asText(), row.path("status").asText(),
                        row.path("since").asText("-"), row.path("reason").asText());
            }
        }
        spec.commandLine().getOut().print(table.render());
        return ExitCodes.OK;
    }
}
