package io.pilotlight.cli;

import io.pilotlight.http.auth.TokenEntry;
import io.pilotlight.http.auth.TokenFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Shows the names, roles and regions of a token file (never a hash).")
final class TokenListCommand implements Callable<Integer> {
    @Option(names = "--file", required = true, description = "The token file.")
    Path file;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFormat.textOrJson(format, spec);
        List<TokenEntry> entries = TokenFile.read(file);
        var out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            var array = JsonOutput.JSON.createArrayNode();
            for (TokenEntry entry : entries) {
                var item = array.addObject().put("name", entry.name()).put("role", entry.role().label());
                if (entry.region() != null) {
                    item.put("region", entry.region());
                }
            }
            out.println(JsonOutput.pretty(JsonOutput.JSON.createObjectNode().set("tokens", array)));
            return ExitCodes.OK;
        }
        out.printf("%-32s %-9s %s%n", "NAME", "ROLE", "REGION");
        for (TokenEntry entry : entries) {
            out.printf("%-32s %-9s %s%n", entry.name(), entry.role().label(), entry.region() == null ? "-" : entry.region());
        }
        return ExitCodes.OK;
    }
}
