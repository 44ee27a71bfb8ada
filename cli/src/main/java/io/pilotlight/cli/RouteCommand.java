package io.pilotlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotlight.dns.service.AdminClient;
import io.pilotlight.planner.report.TextTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "route", mixinStandardHelpOptions = true,
        description = "Routing controls of a running DNS server: switch a record set member off or on, like Route 53 ARC.",
        subcommands = {RouteCommand.List.class, RouteCommand.Set.class})
final class RouteCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the controls, their state and the safety rules.")
    static final class List implements Callable<Integer> {
        @CommandLine.Mixin
        AdminOption admin;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            JsonNode body = new AdminClient(admin.address).get("/routing").body();
            TextTable table = new TextTable("", "CONTROL", "STATE", "CHANGED", "BY", "REASON");
            for (JsonNode control : body.path("controls")) {
                table.row(control.path("control").asText(), control.path("on").asBoolean() ? "on" : "off",
                        control.path("changedAt").asText("-"), control.path("changedBy").asText("-"), control.path("reason").asText("-"));
            }
            spec.commandLine().getOut().print(table.render());
            spec.commandLine().getOut().println("\nSafety rules:");
            for (JsonNode rule : body.path("safety_rules")) {
                spec.commandLine().getOut().println("  " + rule.path("name").asText() + ": at least " + rule.path("minOn").asInt()
                        + " of " + rule.path("controls"));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Switches a control (NAME/SET_IDENTIFIER) on or off. Refused when it would break a safety rule",
                "or comes inside the wait period of the control's last change."},
            footer = {"", "Example:", "  pilotlight route set api.shop.example/primary-use1 off --reason 'drain us-east-1'", "",
                "Exit codes: 0 applied, 1 refused, 2 bad input."})
    static final class Set implements Callable<Integer> {
        @CommandLine.Mixin
        AdminOption admin;

        @Parameters(index = "0", paramLabel = "CONTROL", description = "NAME/SET_IDENTIFIER, e.g. api.shop.example/primary-use1.")
        String control;

        @Parameters(index = "1", paramLabel = "STATE", description = "on or off.")
        String state;

        @Option(names = "--reason", description = "Why, kept with the change.")
        String reason;

        @Option(names = "--by", defaultValue = "${sys:user.name}", description = "Who, kept with the change (default: the user).")
        String by;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!state.equals("on") && !state.equals("off")) {
                throw new IllegalArgumentException("STATE \"" + state + "\" is not allowed; expected on or off");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("control", control);
            body.put("state", state);
            body.put("by", by);
            body.put("reason", reason);
            AdminClient.Reply reply = new AdminClient(admin.address).post("/routing", body);
            if (reply.status() == 400) {
                throw new IllegalArgumentException(reply.body().path("error").asText());
            }
            String line = control + " " + state + ": " + reply.body().path("reason").asText();
            (reply.ok() ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(line);
            return reply.ok() ? ExitCodes.OK : ExitCodes.OBJECTIVE_MISSED;
        }
    }
}
