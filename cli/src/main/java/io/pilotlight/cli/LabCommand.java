package io.pilotlight.cli;

import picocli.CommandLine.Command;

@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "A whole multi-region deployment on this machine: every region on its own loopback address.",
        subcommands = {LabUpCommand.class, LabDownCommand.class})
final class LabCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
