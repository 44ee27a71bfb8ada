package io.pilotlight.cli;

import io.pilotlight.dns.service.AdminClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Makes a running server read its topology file again; a file with problems is refused and the old zones keep serving.",
        footer = {"", "Exit codes: 0 reloaded, 2 the file has problems (nothing changed)."})
final class DnsReloadCommand implements Callable<Integer> {
    @CommandLine.Mixin
    AdminOption admin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AdminClient.Reply reply = new AdminClient(admin.address).post("/reload", Map.of());
        spec.commandLine().getOut().println(reply.body().path("summary").asText());
        reply.body().path("problems").forEach(p -> spec.commandLine().getErr().println("  " + p.asText()));
        return reply.ok() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
