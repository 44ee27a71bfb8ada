package io.pilotlight.cli;

import io.pilotlight.http.auth.Role;
import io.pilotlight.http.auth.TokenFile;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Appends a token to the token file (its salted hash only) and prints the new token once, alone on",
            "standard output: keep it now, it cannot be shown again."},
        footer = {"", "Example:", "  export PILOTLIGHT_TOKEN=$(pilotlight token add --role operator --name alice --file /etc/pilotlight/tokens.jsonl)"})
final class TokenAddCommand implements Callable<Integer> {
    @Option(names = "--role", required = true, paramLabel = "viewer|operator|agent",
            description = "viewer: read status; operator: act (promote, switchover, routing, backup, ...); agent: one region's own processes.")
    String role;

    @Option(names = "--name", required = true, description = "Who holds the token (shown in refusals and logs); unique in the file.")
    String name;

    @Option(names = "--region", description = "The region an agent token speaks for (agent tokens only).")
    String region;

    @Option(names = "--file", required = true, description = "The token file (JSON lines; created, owner-only, when missing).")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String token = TokenFile.add(file, name, Role.parse(role), region, new SecureRandom());
        spec.commandLine().getOut().println(token);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
