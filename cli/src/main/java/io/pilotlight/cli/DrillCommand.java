package io.pilotlight.cli;

import picocli.CommandLine.Command;

@Command(name = "drill", mixinStandardHelpOptions = true,
        description = "Failover drills that inject real faults and measure the RTO and RPO actually achieved.",
        subcommands = {DrillRunCommand.class, DrillHistoryCommand.class, DrillScheduleCommand.class})
final class DrillCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
