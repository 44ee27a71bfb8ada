package io.pilotlight.cli;

import io.pilotlight.terraform.ImportResult;
import io.pilotlight.terraform.TerraformImporter;
import io.pilotlight.topology.load.TopologyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "terraform", mixinStandardHelpOptions = true,
        description = {"Reads a Terraform configuration (a directory of .tf files, or one .tf file) or the output of",
            "terraform show -json, and writes the topology it describes: each value commented with the file and line",
            "it came from. Unknown values, assumptions, skipped resources and modules not followed are listed on stderr."},
        footer = {"", "Examples:", "  pilotlight import terraform infra/ -o topology.yaml --rto 30m --rpo 5m",
            "  pilotlight import terraform infra/ -var zone_id=Z123 -var-file prod.tfvars",
            "  terraform show -json plan.out > plan.json && pilotlight import terraform plan.json", "",
            "Exit codes: 0 written and valid, 1 written but the topology has problems, 2 bad input (HCL syntax, no such path)."})
final class ImportTerraformCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", description = "A directory of .tf files, a .tf file, or a terraform show -json file.")
    Path path;

    @Mixin
    TerraformOptions terraform;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the topology here (default: standard output).")
    Path output;

    @Option(names = "--name", description = "The topology's name (default: the folder's name).")
    String name;

    @Option(names = "--rto", paramLabel = "DURATION", description = "The RTO objective (not in Terraform; a placeholder 1h otherwise).")
    Duration rto;

    @Option(names = "--rpo", paramLabel = "DURATION", description = "The RPO objective (not in Terraform; a placeholder 15m otherwise).")
    Duration rpo;

    @Option(names = "--pattern", description = "The pattern the design claims: backup-restore, pilot-light, warm-standby or active-active.")
    String pattern;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ImportResult result = TerraformImporter.read(path, terraform.toOptions(name, rto, rpo, pattern));
        if (output != null) {
            Files.writeString(output, result.yaml(), StandardCharsets.UTF_8);
        } else {
            spec.commandLine().getOut().print(result.yaml());
            spec.commandLine().getOut().flush();
        }
        var err = spec.commandLine().getErr();
        TerraformTopology.printNotes(result, err);
        try {
            TerraformTopology.load(result);
            err.println((output != null ? output : "the topology") + ": valid (pilotlight validate would accept it)");
            return ExitCodes.OK;
        } catch (TopologyException e) {
            e.problems().forEach(err::println);
            err.println("the imported topology has " + e.problems().size() + " problem(s): fix them in the YAML or the Terraform");
            return ExitCodes.OBJECTIVE_MISSED;
        }
    }
}
