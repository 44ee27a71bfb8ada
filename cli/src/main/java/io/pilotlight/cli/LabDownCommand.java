package io.pilotlight.cli;

import io.pilotlight.drill.lab.LabFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "down", mixinStandardHelpOptions = true, description = "Stops a lab started by `pilotlight lab up`, and every process it started.")
final class LabDownCommand implements Callable<Integer> {
    @Option(names = "--state-dir", defaultValue = ".pilotlight/lab", description = "The lab's state directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path file = stateDir.resolve(LabFile.NAME);
        if (!Files.exists(file)) {
            spec.commandLine().getErr().println("no lab is recorded in " + stateDir + " (nothing to stop)");
            return ExitCodes.OBJECTIVE_MISSED;
        }
        LabFile lab = LabFile.read(stateDir);
        // only processes that are still the ones recorded (pid, start time, command line) are signalled: pids get reused
        lab.supervisorIdentity().live().ifPresent(supervisor -> {
            supervisor.destroy();
            try {
                supervisor.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception slow) {
                supervisor.destroyForcibly();
            }
        });
        int leftovers = 0;
        for (ProcessHandle process : lab.processHandles()) {
            if (process.isAlive()) {
                process.destroyForcibly();
                leftovers++;
            }
        }
        Files.delete(file);
        spec.commandLine().getOut().println("pilotlight lab: stopped" + (leftovers > 0 ? " (" + leftovers + " leftover processes killed)" : ""));
        return ExitCodes.OK;
    }
}
