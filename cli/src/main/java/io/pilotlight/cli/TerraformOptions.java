package io.pilotlight.cli;

import io.pilotlight.terraform.ImportOptions;
import io.pilotlight.terraform.ImportOptions.VariableInput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The -var and -var-file options of Terraform itself, shared by import terraform and plan. They repeat and mix, and keep
 * the command line's order (a later one wins, as in Terraform); TF_VAR_name environment variables are read too.
 */
final class TerraformOptions {
    /** One occurrence of -var or -var-file: a repeating group keeps them in the order given. */
    static final class Input {
        @Option(names = {"-var", "--var"}, paramLabel = "NAME=VALUE",
                description = "A Terraform variable's value (repeatable; with -var-file, a later one wins, as in Terraform).")
        String var;

        @Option(names = {"-var-file", "--var-file"}, paramLabel = "FILE", description = {"A .tfvars or .tfvars.json file (repeatable).",
            "terraform.tfvars(.json), *.auto.tfvars(.json) and TF_VAR_name environment variables are read too, below these."})
        Path varFile;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..*")
    List<Input> inputs = new ArrayList<>();

    ImportOptions toOptions(String name, Duration rto, Duration rpo, String pattern) {
        return toOptions(name, rto, rpo, pattern, System.getenv());
    }

    ImportOptions toOptions(String name, Duration rto, Duration rpo, String pattern, Map<String, String> environment) {
        List<VariableInput> ordered = new ArrayList<>();
        for (Input input : inputs) {
            if (input.varFile != null) {
                ordered.add(new VariableInput.VarFile(input.varFile));
                continue;
            }
            int eq = input.var.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("-var \"" + input.var + "\" is not NAME=VALUE, e.g. -var zone_id=Z123");
            }
            ordered.add(new VariableInput.Var(input.var.substring(0, eq), input.var.substring(eq + 1)));
        }
        return new ImportOptions(ordered, environment, name, rto, rpo, pattern);
    }
}
