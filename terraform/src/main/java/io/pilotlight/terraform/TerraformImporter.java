package io.pilotlight.terraform;

import io.pilotlight.terraform.config.Configuration;
import io.pilotlight.terraform.eval.Evaluator;
import io.pilotlight.terraform.eval.Value;
import io.pilotlight.terraform.eval.Variables;
import io.pilotlight.terraform.hcl.HclReader;
import io.pilotlight.terraform.mapping.TopologyBuilder;
import io.pilotlight.terraform.plan.PlanJsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a Terraform configuration (a directory of .tf files, or one .tf file) or a {@code terraform show -json}
 * plan or state file, and writes the topology it describes. Unknown values, assumptions, skipped resources and
 * modules not followed come back as notes; nothing is guessed silently.
 */
public final class TerraformImporter {
    private TerraformImporter() {
    }

    /** True when the path is something this importer reads: a directory of .tf files, a .tf file, or a .json file. */
    public static boolean handles(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (Files.isDirectory(path)) {
            try (var files = Files.list(path)) {
                return files.anyMatch(p -> p.getFileName().toString().endsWith(".tf"));
            } catch (java.io.IOException e) {
                return false;
            }
        }
        return name.endsWith(".tf") || name.endsWith(".json");
    }

    public static ImportResult read(Path path, ImportOptions options) throws TerraformSyntaxException, TerraformInputException {
        if (!Files.exists(path)) {
            throw new TerraformInputException(path + ": no such file or directory");
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        Configuration configuration;
        if (!Files.isDirectory(path) && name.endsWith(".json")) {
            configuration = PlanJsonReader.read(path);
        } else if (Files.isDirectory(path) || name.endsWith(".tf")) {
            configuration = HclReader.configuration(path);
        } else {
            throw new TerraformInputException(path + " is neither a directory of .tf files, a .tf file, nor a terraform show -json file (.json)");
        }
        Path directory = Files.isDirectory(path) ? path : null;
        Map<String, Value> variables = Variables.of(directory, options.inputs(), options.environment());
        return TopologyBuilder.build(path.toString(), new Evaluator(configuration, variables), options);
    }
}
