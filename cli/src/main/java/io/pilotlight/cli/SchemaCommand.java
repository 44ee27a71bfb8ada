package io.pilotlight.cli;

import io.pilotlight.topology.schema.SchemaGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Prints the JSON Schema of the topology file (the same file ships as schema/topology.schema.json)."})
final class SchemaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print(SchemaGenerator.generate());
        spec.commandLine().getOut().flush();
    }
}
