package io.pilotlight.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the {@code pilotlight} command; each subcommand is one thin class. */
@Command(name = "pilotlight", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Multi-region resilience: plan the pattern, check the topology, measure RTO and RPO.",
        subcommands = {ValidateCommand.class, PlanCommand.class, SchemaCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 objective missed or check failed, 2 bad input."})
public final class PilotlightCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code, so tests can run it in-process too. */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new PilotlightCommand());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setParameterExceptionHandler(new ErrorHandler());
        commandLine.registerConverter(java.time.Duration.class, new DurationConverter());
        commandLine.setCaseInsensitiveEnumValuesAllowed(false);
        return commandLine;
    }
}
