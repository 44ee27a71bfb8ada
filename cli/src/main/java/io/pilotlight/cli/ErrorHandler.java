package io.pilotlight.cli;

import io.pilotlight.topology.load.TopologyException;
import picocli.CommandLine;

/** Bad input prints what is wrong and exits 2; anything else prints its message and exits 1. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (e instanceof TopologyException topology) {
            topology.problems().forEach(p -> commandLine.getErr().println(p));
            commandLine.getErr().println(topology.problems().size() + " problem" + (topology.problems().size() == 1 ? "" : "s") + " found");
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof io.pilotlight.terraform.TerraformSyntaxException || e instanceof io.pilotlight.terraform.TerraformInputException) {
            commandLine.getErr().println("pilotlight: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if ((e instanceof IllegalArgumentException || e instanceof IllegalStateException) && e.getMessage() != null) {
            commandLine.getErr().println("pilotlight: " + e.getMessage());
            return e instanceof IllegalArgumentException ? ExitCodes.BAD_INPUT : ExitCodes.OBJECTIVE_MISSED;
        }
        if (e instanceof IllegalArgumentException bad) {
            commandLine.getErr().println("pilotlight: " + bad.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        commandLine.getErr().println("pilotlight: " + (e instanceof java.io.IOException ? e.getMessage() : e.toString()));
        if (System.getenv("PILOTLIGHT_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
        }
        return ExitCodes.OBJECTIVE_MISSED;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        commandLine.getErr().println("pilotlight: " + e.getMessage());
        commandLine.getErr().println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCodes.BAD_INPUT;
    }
}
