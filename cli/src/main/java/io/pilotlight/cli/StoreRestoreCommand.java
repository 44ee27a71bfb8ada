package io.pilotlight.cli;

import io.pilotlight.store.node.Backups;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restores the latest backup of a backup directory into an empty data directory; then start",
            "`pilotlight store serve --data DIR` on it. The restored node has the data as of that backup."})
final class StoreRestoreCommand implements Callable<Integer> {
    @Option(names = "--backup-dir", required = true, description = "Directory holding backup-* checkpoints.")
    Path backupDir;

    @Option(names = "--data", required = true, description = "Data directory to restore into (must be empty or absent).")
    Path data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path used = Backups.restoreLatest(backupDir, data);
        spec.commandLine().getOut().println("restored " + used.getFileName() + " into " + data);
        return ExitCodes.OK;
    }
}
