package io.pilotlight.cli;

import picocli.CommandLine.Command;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Writes a topology from what a team already has.",
        subcommands = {ImportTerraformCommand.class})
final class ImportCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
