package io.pilotlight.cli;

import io.pilotlight.topology.HealthCheckCatalog;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.LoadedTopology;
import io.pilotlight.topology.load.Problem;
import io.pilotlight.topology.load.TopologyException;
import io.pilotlight.topology.load.TopologyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks topology files and reports every problem at once, with file, line, column, field,",
            "the bad value and what is allowed."},
        footer = {"", "Exit codes: 0 every file is valid, 2 a file has problems."})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Topology files (YAML).")
    List<Path> files;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat.textOrJson(format, spec);
        List<Problem> all = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        for (Path file : files) {
            try {
                LoadedTopology loaded = TopologyLoader.load(file);
                summaries.add(file + ": valid (" + summary(loaded.topology()) + ")");
            } catch (TopologyException e) {
                all.addAll(e.problems());
            }
        }
        if (format == OutputFormat.json) {
            spec.commandLine().getOut().print(ProblemsJson.render(all));
            spec.commandLine().getOut().flush();
        } else {
            summaries.forEach(spec.commandLine().getOut()::println);
            all.forEach(spec.commandLine().getErr()::println);
            if (!all.isEmpty()) {
                spec.commandLine().getErr().println(all.size() + " problem" + (all.size() == 1 ? "" : "s") + " found");
            }
        }
        return all.isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    private static String summary(Topology topology) {
        int recordSets = topology.dnsOrEmpty().zones().values().stream().mapToInt(z -> z.recordSets().size()).sum();
        return count(topology.regions().size(), "region") + ", " + count(topology.services().size(), "service") + ", "
                + count(HealthCheckCatalog.of(topology).size(), "health check") + ", " + count(recordSets, "record set") + ", "
                + count(topology.dataStores().size(), "data store") + ", " + count(topology.drills().size(), "drill");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
