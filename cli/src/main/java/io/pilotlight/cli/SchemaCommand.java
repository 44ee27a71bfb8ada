package io.pilotlight.cli;

import io.pilotlight.topology.schema.ReferenceGenerator;
import io.pilotlight.topology.schema.SchemaGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Prints the JSON Schema of the topology file (shipped as schema/topology.schema.json),",
            "or with --format markdown its field-by-field reference (shipped as docs/topology-reference.md)."})
final class SchemaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", defaultValue = "json", description = "json (JSON Schema) or markdown (reference).")
    String format;

    @Override
    public void run() {
        String text = switch (format) {
            case "json" -> SchemaGenerator.generate();
            case "markdown" -> ReferenceGenerator.generate();
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format \"" + format + "\" is not allowed; expected json or markdown");
        };
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
    }
}
