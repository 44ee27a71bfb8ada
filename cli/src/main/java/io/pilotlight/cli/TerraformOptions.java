package io.pilotlight.cli;

import io.pilotlight.terraform.ImportOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The -var and -var-file options of Terraform itself, shared by import terraform and plan. */
final class TerraformOptions {
    @Option(names = {"-var", "--var"}, paramLabel = "NAME=VALUE", description = "A Terraform variable's value (repeatable; wins over -var-file).")
    List<String> vars = new ArrayList<>();

    @Option(names = {"-var-file", "--var-file"}, paramLabel = "FILE", description = "A .tfvars file (repeatable; terraform.tfvars and *.auto.tfvars are read too).")
    List<Path> varFiles = new ArrayList<>();

    ImportOptions toOptions(String name, Duration rto, Duration rpo, String pattern) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String var : vars) {
            int eq = var.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("-var \"" + var + "\" is not NAME=VALUE, e.g. -var zone_id=Z123");
            }
            values.put(var.substring(0, eq), var.substring(eq + 1));
        }
        return new ImportOptions(values, varFiles, name, rto, rpo, pattern);
    }
}
