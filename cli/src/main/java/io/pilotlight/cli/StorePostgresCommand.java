package io.pilotlight.cli;

import io.pilotlight.drill.lab.Ready;
import io.pilotlight.engine.postgres.PostgresEngineFactory;
import io.pilotlight.engine.postgres.PostgresRegionKeeper;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.TopologyLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "postgres", mixinStandardHelpOptions = true,
        description = {"Keeps one region's PostgreSQL server of an engine: postgres global database or backup store, as an agent",
            "on that region's host would: creates it (initdb for the first writer, pg_basebackup from the writer for a standby;",
            "a backup store's other regions get theirs from a restore), starts it, holds the writer lease while it is the writer",
            "and fences it when it cannot renew the lease, points its standby at the writer, rejoins a fenced former primary",
            "(lost-transactions ledger, pg_rewind), and takes a backup store's base backups. Promotions, switchovers and",
            "restores are the controller's. See docs/postgres.md."})
final class StorePostgresCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Topology file.")
    Path file;

    @Option(names = "--region", required = true, description = "The region whose server this process keeps.")
    String region;

    @Option(names = "--store", description = "The global database (default: the topology's only engine: postgres one).")
    String store;

    @Option(names = "--endpoint", required = true, paramLabel = "REGION=ENDPOINT",
            description = {"Every region's server, repeated: pgmanaged:/folder?port=N[&host=ADDR][&via.REGION=HOST:PORT][&lease=URL]",
                "for this region (managed here), its peers as pgmanaged: or postgresql:// URLs."})
    Map<String, String> endpoints = new LinkedHashMap<>();

    @Option(names = "--coordinator", required = true,
            description = "The writer lease's coordinator: pilotlight store coordinator's URL or etcd://HOST:PORT[,...][/prefix].")
    String coordinator;

    @Option(names = "--initial-writer", description = "The region created as the first primary (default: the data store's writer).")
    String initialWriter;

    @Option(names = "--backup-dir", description = {"A backup store's backup folder: base backups every --backup-interval while this",
        "region is the writer, its WAL archived there (required for kind: backup)."})
    Path backupDir;

    @Option(names = "--backup-interval", description = "Time between base backups (default: the data store's interval, else 15m).")
    java.time.Duration backupInterval;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Topology topology = TopologyLoader.load(file).topology();
        Map.Entry<String, DataStore> database = database(topology);
        if (!endpoints.containsKey(region)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--endpoint: no endpoint for --region " + region + "; given: "
                    + endpoints.keySet());
        }
        Map<String, String> all = new LinkedHashMap<>(endpoints);
        all.put(PostgresEngineFactory.LEASE_KEY, coordinator);
        var out = spec.commandLine().getOut();
        String writer = initialWriter != null ? initialWriter : database.getValue().writer() != null ? database.getValue().writer()
                : primary(topology);
        PostgresRegionKeeper.BackupPlan backups = backups(database.getValue());
        if (backups != null) {
            all.put(PostgresEngineFactory.ARCHIVE_TIMEOUT_KEY, io.pilotlight.topology.Durations.format(backups.interval()));
        }
        PostgresRegionKeeper keeper = PostgresRegionKeeper.start(database.getKey(), database.getValue(), all, region, writer, backups, line -> {
            out.println(Instant.now() + " " + line);
            out.flush();
        });
        out.println("pilotlight store postgres: keeping " + database.getKey() + " in " + region);
        out.flush();
        Ready.mark("postgres keeper of " + region);
        Foreground.holdUntilStopped(keeper::close);
        return ExitCodes.OK;
    }

    /**
     * A backup store's schedule: a base backup every interval, and the same interval as archive_timeout, so the store's
     * RPO stays within its interval as the planner assumes. Null for a global database.
     */
    private PostgresRegionKeeper.BackupPlan backups(DataStore store) {
        if (store.kind() != DataStoreKind.BACKUP) {
            return null;
        }
        if (backupDir == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--backup-dir: a kind: backup data store needs the folder its"
                    + " backups go to (and a restore reads)");
        }
        java.time.Duration interval = backupInterval != null ? backupInterval : store.interval() != null ? store.interval()
                : java.time.Duration.ofMinutes(15);
        return new PostgresRegionKeeper.BackupPlan(backupDir, interval);
    }

    private static String primary(Topology topology) {
        return topology.regions().entrySet().stream().filter(e -> e.getValue().role() == io.pilotlight.topology.RegionRole.PRIMARY)
                .map(Map.Entry::getKey).findFirst().orElse(topology.regions().keySet().iterator().next());
    }

    private Map.Entry<String, DataStore> database(Topology topology) {
        List<Map.Entry<String, DataStore>> candidates = topology.dataStores().entrySet().stream()
                .filter(e -> (e.getValue().kind() == DataStoreKind.GLOBAL_DATABASE || e.getValue().kind() == DataStoreKind.BACKUP)
                        && "postgres".equals(e.getValue().engine())
                        && (store == null || e.getKey().equals(store)))
                .toList();
        if (candidates.size() != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), file + ": " + (candidates.isEmpty()
                    ? "no global database or backup store with engine: postgres" + (store == null ? "" : " named " + store)
                    : "several data stores with engine: postgres; name one with --store"));
        }
        return candidates.get(0);
    }
}
