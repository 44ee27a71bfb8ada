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
        description = {"Keeps one region's PostgreSQL server of an engine: postgres global database, as an agent on that",
            "region's host would: creates it (initdb for the first writer, pg_basebackup from the writer for a standby),",
            "starts it, holds the writer lease while it is the writer and fences it when it cannot renew the lease,",
            "points its standby at the writer, and rejoins a fenced former primary (lost-transactions ledger, pg_rewind).",
            "Promotions and switchovers are the controller's. See docs/postgres.md."})
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
        String writer = initialWriter != null ? initialWriter : database.getValue().writer();
        PostgresRegionKeeper keeper = PostgresRegionKeeper.start(database.getKey(), database.getValue(), all, region, writer, line -> {
            out.println(Instant.now() + " " + line);
            out.flush();
        });
        out.println("pilotlight store postgres: keeping " + database.getKey() + " in " + region);
        out.flush();
        Ready.mark("postgres keeper of " + region);
        Foreground.holdUntilStopped(keeper::close);
        return ExitCodes.OK;
    }

    private Map.Entry<String, DataStore> database(Topology topology) {
        List<Map.Entry<String, DataStore>> candidates = topology.dataStores().entrySet().stream()
                .filter(e -> e.getValue().kind() == DataStoreKind.GLOBAL_DATABASE && "postgres".equals(e.getValue().engine())
                        && (store == null || e.getKey().equals(store)))
                .toList();
        if (candidates.size() != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), file + ": " + (candidates.isEmpty()
                    ? "no global database with engine: postgres" + (store == null ? "" : " named " + store)
                    : "several global databases with engine: postgres; name one with --store"));
        }
        return candidates.get(0);
    }
}
