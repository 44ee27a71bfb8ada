package io.pilotlight.engine.postgres;

import io.pilotlight.engine.DataStoreEngine;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Real PostgreSQL 15 servers for one test: started in a fresh folder, killed and deleted on close, also after a failure. */
final class PgFixture implements AutoCloseable {
    static final Duration LEASE = Duration.ofSeconds(2);
    final Path base;
    final ManagedPostgres servers;
    final DataStoreEngine engine;

    PgFixture(String writer, String... standbys) throws IOException {
        this(java.util.function.UnaryOperator.identity(), writer, standbys);
    }

    PgFixture(java.util.function.UnaryOperator<LeaseStore> leaseStore, String writer, String... standbys) throws IOException {
        this(leaseStore, io.pilotlight.topology.ReplicationMode.ASYNC, writer, standbys);
    }

    PgFixture(java.util.function.UnaryOperator<LeaseStore> leaseStore, io.pilotlight.topology.ReplicationMode mode, String writer,
              String... standbys) throws IOException {
        this(leaseStore, new io.pilotlight.topology.Replication(mode, null), writer, standbys);
    }

    PgFixture(io.pilotlight.topology.Replication replication, String writer, String... standbys) throws IOException {
        this(java.util.function.UnaryOperator.identity(), replication, writer, standbys);
    }

    private PgFixture(java.util.function.UnaryOperator<LeaseStore> leaseStore, io.pilotlight.topology.Replication replication, String writer,
              String... standbys) throws IOException {
        base = Files.createTempDirectory("pilotlight-pg-test-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        ManagedPostgres started = null;
        DataStoreEngine opened = null;
        try {
            List<String> regions = Stream.concat(Stream.of(writer), Stream.of(standbys)).toList();
            started = ManagedPostgres.start(base, writer, ManagedPostgres.freePorts(regions));
            opened = PostgresEngineFactory.open("orders", spec(writer, regions, replication), started.endpoints(), java.time.Clock.systemUTC(),
                    leaseStore);
            // the factory is what Engines.open finds for "postgres" (asserted in PostgresEngineTest)
        } catch (RuntimeException e) {
            if (started != null) {
                started.close();
            }
            delete(base);
            throw e;
        }
        servers = started;
        engine = opened;
    }

    static DataStore spec(String writer, List<String> regions) {
        return spec(writer, regions, io.pilotlight.topology.ReplicationMode.ASYNC);
    }

    static DataStore spec(String writer, List<String> regions, io.pilotlight.topology.ReplicationMode mode) {
        return spec(writer, regions, new io.pilotlight.topology.Replication(mode, null));
    }

    static DataStore spec(String writer, List<String> regions, io.pilotlight.topology.Replication replication) {
        return new DataStore(DataStoreKind.GLOBAL_DATABASE, "postgres", regions, writer, replication, null, null, null, LEASE, null);
    }

    Connection connect(String region) throws SQLException {
        return DriverManager.getConnection(servers.jdbcUrl(region));
    }

    void signal(String region, String signal) throws IOException, InterruptedException {
        long pid = servers.pid(region);
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<Long> pids = Stream.concat(Stream.of(postmaster), postmaster.descendants()).map(ProcessHandle::pid).toList();
        for (long p : pids) {
            // a child may be gone already once its postmaster is killed
            new ProcessBuilder("kill", "-" + signal, Long.toString(p)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    /** The engine's state of a region and the tail of its server log, for a failure message. */
    String diagnose(String region) {
        StringBuilder sb = new StringBuilder(engine.state(region).toString());
        try {
            List<String> log = Files.readAllLines(base.resolve(region).resolve("server.log"));
            sb.append("\n--- ").append(region).append(" server.log (tail)\n");
            log.subList(Math.max(0, log.size() - 25), log.size()).forEach(l -> sb.append(l).append('\n'));
        } catch (IOException e) {
            sb.append(" (no server log: ").append(e.getMessage()).append(')');
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            engine.close();
        } finally {
            try {
                servers.close();
            } finally {
                delete(base);
            }
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
