package io.pilotlight.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the {@code pilotlight} command; each subcommand is one thin class. */
@Command(name = "pilotlight", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Multi-region resilience: plan the pattern, check the topology, measure RTO and RPO.",
        subcommands = {ValidateCommand.class, TokenCommand.class, PlanCommand.class, ImportCommand.class, DnsCommand.class, RouteCommand.class, StoreCommand.class, FailoverCommand.class, ControllerCommand.class, AgentCommand.class, LabCommand.class, DrillCommand.class,
            SampleServiceCommand.class,
            SchemaCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 objective missed or check failed, 2 bad input."})
public final class PilotlightCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // java.util.logging (behind System.Logger) on one line a message, like slf4j-simple's: LEVEL logger - message
        System.setProperty("java.util.logging.SimpleFormatter.format",
                System.getProperty("java.util.logging.SimpleFormatter.format", "%4$s %3$s - %5$s%6$s%n"));
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code, so tests can run it in-process too. */
    public static int execute(String... args) {
        CommandLine commandLine = newCommandLine();
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }

    static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new PilotlightCommand());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setParameterExceptionHandler(new ErrorHandler());
        commandLine.registerConverter(java.time.Duration.class, new DurationConverter());
        commandLine.setCaseInsensitiveEnumValuesAllowed(false);
        // One writer pair for the root and every subcommand, so flushing them here flushes all output.
        commandLine.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true));
        commandLine.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true));
        return commandLine;
    }
}
