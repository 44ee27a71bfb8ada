package io.pilotlight.cli;

import io.pilotlight.drill.history.DrillHistory;
import io.pilotlight.drill.history.DrillRecord;
import io.pilotlight.planner.Plan;
import io.pilotlight.planner.Planner;
import io.pilotlight.planner.drills.DrillEvidence;
import io.pilotlight.planner.report.JsonReport;
import io.pilotlight.planner.report.MarkdownReport;
import io.pilotlight.planner.report.TextReport;
import io.pilotlight.terraform.ImportResult;
import io.pilotlight.terraform.TerraformImporter;
import io.pilotlight.topology.Driver;
import io.pilotlight.topology.Objectives;
import io.pilotlight.topology.load.LoadedTopology;
import io.pilotlight.topology.load.TopologyException;
import io.pilotlight.topology.load.TopologyLoader;
import io.pilotlight.topology.spec.WireNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Recommends the cheapest pattern that meets an RTO and an RPO. Given a topology file, also",
            "estimates its RTO term by term and the RPO bound of every data store, and lints the design."},
        footer = {"", "Examples:", "  pilotlight plan --rto 4h --rpo 15m", "  pilotlight plan --rto 1h --rpo 5m --driver az-outage",
            "  pilotlight plan examples/pilot-light.yaml --format json",
            "  pilotlight plan infra/ --rto 5m --rpo 1m -var zone_id=Z123      # a Terraform configuration", "",
            "Exit codes: 0 objectives met, 1 not met (or a finding is an error), 2 bad input."})
final class PlanCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "FILE", description = {"Topology file; its objectives are used unless --rto/--rpo are given.",
        "Or a Terraform configuration (a directory of .tf files, a .tf file, or terraform show -json output): imported in memory, then planned."})
    Path file;

    @picocli.CommandLine.Mixin
    TerraformOptions terraform;

    @Option(names = "--pattern", description = "For a Terraform path: the pattern the design claims (e.g. pilot-light).")
    String pattern;

    @Option(names = "--rto", paramLabel = "DURATION", description = "Recovery time objective, e.g. 4h, 15m, 90s.")
    Duration rto;

    @Option(names = "--rpo", paramLabel = "DURATION", description = "Recovery point objective, e.g. 15m, 5s, 0s.")
    Duration rpo;

    @Option(names = "--driver", paramLabel = "DRIVER",
            description = "regional-outage (default), az-outage, data-residency or latency.")
    String driver;

    @Option(names = "--format", defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--history", paramLabel = "PATH",
            description = "The drill history: each scheduled drill must have passed within its every, and the drills give the expected RTO (default: .pilotlight/drills/history.jsonl; missing = no drill ran).")
    Path history;

    @Option(names = "--scenario", paramLabel = "SCENARIO", defaultValue = "region-outage",
            description = "Whose drills calibrate the expected RTO: region-outage (default), partition, gray-failure or switchover.")
    String scenario;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Plan plan;
        if (file == null) {
            if (rto == null || rpo == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "give a topology FILE, or both --rto and --rpo (e.g. --rto 4h --rpo 15m)");
            }
            plan = Planner.forObjectives(objectives(null));
        } else if (isTerraform(file)) {
            ImportResult imported = TerraformImporter.read(file, terraform.toOptions(null, rto, rpo, pattern));
            TerraformTopology topology = TerraformTopology.load(imported);
            boolean override = rto != null || rpo != null || driver != null;
            plan = topology.traced(Planner.forTopology(topology.loaded(), override ? objectives(topology.loaded().topology().objectives()) : null,
                    drillEvidence()));
            return print(plan, imported);
        } else {
            LoadedTopology loaded = TopologyLoader.load(file);
            boolean override = rto != null || rpo != null || driver != null;
            plan = Planner.forTopology(loaded, override ? objectives(loaded.topology().objectives()) : null, drillEvidence());
        }
        return print(plan, null);
    }

    /** A directory, a .tf file or a .json file is Terraform; anything else is a topology file. */
    static boolean isTerraform(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        return java.nio.file.Files.isDirectory(path) || name.endsWith(".tf") || name.endsWith(".json");
    }

    private int print(Plan plan, ImportResult imported) {
        String rendered = switch (format) {
            case json -> imported == null ? JsonReport.render(plan) : TerraformJson.render(plan, imported);
            case markdown -> MarkdownReport.render(plan);
            case text -> TextReport.render(plan);
        };
        spec.commandLine().getOut().print(rendered);
        if (imported != null && format != OutputFormat.json) {
            spec.commandLine().getOut().println();
            TerraformTopology.printNotes(imported, spec.commandLine().getOut());
        }
        spec.commandLine().getOut().flush();
        return plan.exitCode();
    }

    /** The drills that ran, from the history; its corrupt lines are skipped with a warning on stderr. */
    private DrillEvidence drillEvidence() {
        var contents = new DrillHistory(history != null ? history
                : DrillHistory.DEFAULT_FILE).read();
        contents.warnings().forEach(spec.commandLine().getErr()::println);
        return DrillEvidence.of(contents.records().stream().map(DrillRecord::asRun).toList(), Instant.now(), parseScenario());
    }

    private io.pilotlight.topology.DrillScenario parseScenario() {
        for (io.pilotlight.topology.DrillScenario candidate : io.pilotlight.topology.DrillScenario.values()) {
            if (WireNames.of(candidate).equals(scenario)) {
                return candidate;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--scenario \"" + scenario + "\" is not allowed; expected one of "
                + String.join(", ", WireNames.allOf(io.pilotlight.topology.DrillScenario.class)));
    }

    private Objectives objectives(Objectives fromFile) {
        Duration effectiveRto = rto != null ? rto : fromFile.rto();
        Duration effectiveRpo = rpo != null ? rpo : fromFile.rpo();
        if (effectiveRto.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--rto 0s cannot be met by any design; give the longest outage you accept, e.g. --rto 5m");
        }
        return new Objectives(effectiveRto, effectiveRpo, parseDriver(fromFile));
    }

    private Driver parseDriver(Objectives fromFile) {
        if (driver == null) {
            return fromFile != null ? fromFile.driver() : Driver.REGIONAL_OUTAGE;
        }
        for (Driver candidate : Driver.values()) {
            if (WireNames.of(candidate).equals(driver)) {
                return candidate;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--driver \"" + driver + "\" is not allowed"
                + io.pilotlight.topology.load.Suggestions.didYouMean(driver, WireNames.allOf(Driver.class))
                + "; expected one of " + String.join(", ", WireNames.allOf(Driver.class)));
    }
}
