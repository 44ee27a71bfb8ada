package io.pilotlight.cli;

import picocli.CommandLine.Command;

@Command(name = "store", mixinStandardHelpOptions = true,
        description = "The global database: one writer region, replicas elsewhere, switchover, failover, lost-writes ledger.",
        subcommands = {StoreServeCommand.class, StoreCoordinatorCommand.class, StoreStatusCommand.class, StoreSwitchoverCommand.class,
            StoreFailoverCommand.class, StoreLostWritesCommand.class, StoreRestoreCommand.class, StorePostgresCommand.class})
final class StoreCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
