package io.pilotlight.cli;

import io.pilotlight.drill.lab.Ready;

import io.pilotlight.store.ReplicationMode;
import io.pilotlight.store.coord.Coordinators;
import io.pilotlight.store.node.NodeConfig;
import io.pilotlight.store.node.StoreServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs one region's store node: RocksDB, a durable log with group commit, the HTTP/JSON API.",
            "The initial writer takes the lease on a fresh cluster; every other node follows the writer's log."},
        footer = {"", "Example (two regions and a coordinator):",
            "  pilotlight store coordinator --listen 127.0.0.1:7000 &",
            "  pilotlight store serve --region east --data /tmp/east --listen 127.0.1.1:7001 --initial-writer east \\",
            "      --coordinator http://127.0.0.1:7000 --peer east=http://127.0.1.1:7001 --peer west=http://127.0.2.1:7001 &",
            "  pilotlight store serve --region west --data /tmp/west --listen 127.0.2.1:7001 --initial-writer east \\",
            "      --coordinator http://127.0.0.1:7000 --peer east=http://127.0.1.1:7001 --peer west=http://127.0.2.1:7001 &",
            "  curl -X PUT --data hello http://127.0.1.1:7001/kv/greeting",
            "", "With etcd instead of `store coordinator` (one etcd cluster for every region; see docs/store.md):",
            "  pilotlight store serve ... --coordinator etcd://10.0.1.5:2379,10.0.2.5:2379,10.0.3.5:2379/pilotlight/orders"})
final class StoreServeCommand implements Callable<Integer> {
    @Option(names = "--region", required = true, description = "This node's region.")
    String region;

    @Option(names = "--data", required = true, description = "Data directory (RocksDB).")
    Path data;

    @Option(names = "--listen", required = true, description = "HTTP address, HOST:PORT.")
    String listen;

    @CommandLine.Mixin
    PeersOption peers;

    @Option(names = "--coordinator", required = true, description = {"Where leases and epochs come from: the URL of `pilotlight store coordinator`",
        "(http://HOST:PORT), or etcd: etcd://HOST:PORT[,HOST:PORT...][/prefix] (keys under the prefix, default /pilotlight/default)."})
    String coordinator;

    @Option(names = "--initial-writer", required = true, description = "Region that takes the lease when the cluster has never had a writer.")
    String initialWriter;

    @Option(names = "--lease", defaultValue = "2s", description = "Writer lease (default: ${DEFAULT-VALUE}).")
    Duration lease;

    @Option(names = "--mode", defaultValue = "async", description = "async or sync (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--lag-bound", description = "RPO guard: block commits while no replica is within this lag.")
    Duration lagBound;

    @Option(names = "--guard-timeout", defaultValue = "3s", description = "How long a commit waits for the guard or a sync replica (default: ${DEFAULT-VALUE}).")
    Duration guardTimeout;

    @Option(names = "--backup-dir", description = {"Take backups (consistent checkpoints) into this directory while writer; also the root",
        "under which POST /backup?dir= may write (with a token file, backups over HTTP need it)."})
    Path backupDir;

    @Option(names = "--backup-interval", defaultValue = "15m", description = "Time between backups (default: ${DEFAULT-VALUE}).")
    Duration backupInterval;

    @Option(names = "--auto-failover", description = {"Promote this node by itself when the writer's lease lapses and no reachable node that can",
        "promote itself is further ahead (by last epoch, then index). Give it to every node."})
    boolean autoFailover;

    @CommandLine.Mixin
    TokenFileOption tokens;

    @CommandLine.Mixin
    TlsOptions tls;

    @Option(names = "--require-token-for-data", description = "Data reads and writes (/kv) need a token too (any role); needs a token file.")
    boolean requireTokenForData;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReplicationMode replication = switch (mode) {
            case "async" -> ReplicationMode.ASYNC;
            case "sync" -> ReplicationMode.SYNC;
            default -> throw new IllegalArgumentException("--mode \"" + mode + "\" is not allowed; expected async or sync");
        };
        var serverTls = tls.resolve(); // before any client is built: the coordinator's and the replica's clients show this agent's certificate
        Map<String, String> peerMap = peers.map();
        NodeConfig config = new NodeConfig(region, data, Addresses.parse("--listen", listen), peerMap,
                Coordinators.open(coordinator, Duration.ofSeconds(10)),
                lease, replication, lagBound, guardTimeout, autoFailover, initialWriter, Clock.systemUTC());
        var auth = tokens.resolve(requireTokenForData).withTls(serverTls);
        StoreServer server = BindErrors.naming(java.util.Map.of("--listen", listen), () -> StoreServer.start(config, auth, backupDir));
        var out = spec.commandLine().getOut();
        io.pilotlight.store.node.BackupSchedule backups = backupDir == null ? null : new io.pilotlight.store.node.BackupSchedule(
                server.node(), backupDir, backupInterval, Clock.systemUTC(), line -> {
                    out.println(line);
                    out.flush();
                });
        spec.commandLine().getOut().println("pilotlight store: " + region + " serving on " + auth.scheme() + "://" + listen + " as "
                + server.node().role().name().toLowerCase() + " (epoch " + server.node().status().epoch() + ")");
        Ready.mark("store " + region + " on " + auth.scheme() + "://" + listen);
        spec.commandLine().getOut().flush();
        Foreground.holdUntilStopped(() -> {
            if (backups != null) {
                backups.close();
            }
            server.close();
        });
        return ExitCodes.OK;
    }
}
