package io.pilotlight.cli;

import io.pilotlight.drill.history.DrillHistory;
import io.pilotlight.drill.schedule.DrillLauncher;
import io.pilotlight.drill.schedule.DrillSchedule;
import io.pilotlight.drill.schedule.DrillScheduler;
import io.pilotlight.planner.drills.DrillVerdict;
import io.pilotlight.topology.Drill;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.TopologyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Runs the topology's drills when they are due (not passed within their every), one at a time, each as a child",
            "'pilotlight drill run FILE --drill NAME', and keeps going when one misses or errors. The history says what ran."},
        footer = {"", "Exit codes (--once): 0 every drill that ran met its objectives (or none was due), 1 one missed or errored, 2 bad input."})
final class DrillScheduleCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Topology file; its drills: section is the schedule.")
    Path file;

    @Option(names = "--check-every", defaultValue = "1m", description = "How often to look for due drills (default: ${DEFAULT-VALUE}).")
    Duration checkEvery;

    @Option(names = "--retry-after", defaultValue = "1h", description = "Wait this long after a missed or failed run before running that drill again (default: ${DEFAULT-VALUE}).")
    Duration retryAfter;

    @Option(names = "--once", description = "Run what is due now and exit (for cron and tests).")
    boolean once;

    @Option(names = "--history", paramLabel = "PATH", description = "The drill history (default: .pilotlight/drills/history.jsonl).")
    Path history;

    @Option(names = "--deadline", description = "Passed to each drill run: give up waiting for recovery after this long.")
    Duration deadline;

    @CommandLine.Mixin
    DeploymentOptions deployment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The drill running now, stopped with the schedule (its lab follows its drill process). */
    private final java.util.concurrent.atomic.AtomicReference<Process> running = new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    public Integer call() throws Exception {
        Topology topology = TopologyLoader.load(file).topology();
        if (checkEvery.isZero() || checkEvery.isNegative() || retryAfter.isNegative()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--check-every must be above 0s and --retry-after at least 0s");
        }
        DrillHistory drillHistory = new DrillHistory(history != null ? history : DrillHistory.DEFAULT_FILE);
        var out = spec.commandLine().getOut();
        DrillScheduler scheduler = new DrillScheduler(topology, drillHistory, new DrillSchedule(retryAfter), this::runChild, Clock.systemUTC(),
                line -> {
                    out.println("drill schedule: " + line);
                    out.flush();
                });
        if (topology.drills().isEmpty()) {
            throw new IllegalArgumentException(file + " has no drills: section; nothing to schedule");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process child = running.get();
            if (child != null && child.isAlive()) {
                child.destroy();
            }
        }));
        if (once) {
            return scheduler.runDue().stream().allMatch(o -> o.verdict() == DrillVerdict.MET) ? ExitCodes.OK : ExitCodes.OBJECTIVE_MISSED;
        }
        scheduler.runForever(checkEvery, duration -> Thread.sleep(duration.toMillis()));
        return ExitCodes.OK;
    }

    /** {@code pilotlight drill run FILE --drill NAME} with this command's deployment options; its output goes to a log file. */
    private int runChild(Drill drill) throws Exception {
        Path historyFile = (history != null ? history : DrillHistory.DEFAULT_FILE).toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("drill", "run", file.toString(), "--drill", drill.name(), "--history", historyFile.toString(),
                "--store-port", Integer.toString(deployment.storePort), "--dns", deployment.dns, "--dns-admin", deployment.dnsAdmin,
                "--coordinator", deployment.coordinator));
        if (deployment.stateDir != null) {
            args.addAll(List.of("--state-dir", deployment.stateDir.toString()));
        }
        if (deadline != null) {
            args.addAll(List.of("--deadline", io.pilotlight.topology.Durations.format(deadline)));
        }
        Path log = historyFile.resolveSibling("logs").resolve(drill.name() + "-" + java.time.Instant.now().toString().replace(':', '-') + ".log");
        Files.createDirectories(log.getParent());
        spec.commandLine().getOut().println("drill schedule: drill " + drill.name() + " output: " + log);
        Process child = new ProcessBuilder(SelfLaunch.pilotlight(args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        running.set(child);
        try {
            int exit = child.waitFor();
            if (exit != ExitCodes.OK && exit != ExitCodes.OBJECTIVE_MISSED) {
                Files.readAllLines(log).stream().filter(l -> !l.isBlank()).reduce((first, last) -> last)
                        .ifPresent(last -> spec.commandLine().getOut().println("drill schedule: drill " + drill.name() + " said: " + last));
            }
            return exit;
        } finally {
            running.set(null);
            if (child.isAlive()) {
                child.destroy();
            }
        }
    }
}
