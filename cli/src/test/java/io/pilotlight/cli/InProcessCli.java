package io.pilotlight.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the pilotlight command line in this JVM and keeps what it printed on stdout and stderr apart. */
final class InProcessCli {
    private InProcessCli() {
    }

    static CliProcess.Result run(String... args) {
        var commandLine = PilotlightCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new CliProcess.Result(exit, out.toString(), err.toString());
    }
}
