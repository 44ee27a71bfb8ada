package io.pilotlight.engine.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the PostgreSQL servers of one data store on this machine: the writer region's by initdb (as the
 * postgres user), the others as its standbys by pg_basebackup, each with a replication slot; gives the
 * engine's endpoints ({@code pgmanaged:...}) and stops them all on {@link #close()}.
 */
public final class ManagedPostgres implements AutoCloseable {
    private final Map<String, ManagedServer> servers = new LinkedHashMap<>();

    private ManagedPostgres() {
    }

    /**
     * @param base  a folder the postgres user can reach; each region gets {@code base/<region>}
     * @param ports region to port on 127.0.0.1, the writer first or named by {@code writer}
     */
    public static ManagedPostgres start(Path base, String writer, Map<String, Integer> ports) {
        PgBinaries bin = PgBinaries.locate();
        if (!ports.containsKey(writer)) {
            throw new IllegalArgumentException("the writer region " + writer + " has no port; regions: " + ports.keySet());
        }
        Path root = base.toAbsolutePath().normalize();
        AsPostgres.requireReachable(root);
        ManagedPostgres cluster = new ManagedPostgres();
        try {
            ManagedServer primary = new ManagedServer(writer, root.resolve(writer), ports.get(writer), bin);
            cluster.servers.put(writer, primary);
            primary.initPrimary();
            primary.createReplicationUser();
            for (Map.Entry<String, Integer> e : ports.entrySet()) {
                if (!e.getKey().equals(writer)) {
                    ManagedServer standby = new ManagedServer(e.getKey(), root.resolve(e.getKey()), e.getValue(), bin);
                    cluster.servers.put(e.getKey(), standby);
                    standby.initStandby(primary);
                }
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Free ports on 127.0.0.1 for the given regions, in their order. */
    public static Map<String, Integer> freePorts(List<String> regions) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String region : regions) {
            ports.put(region, ManagedServer.freePort());
        }
        return ports;
    }

    /** The engine's endpoints: region to {@code pgmanaged:<folder>?port=N}. */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        servers.forEach((region, server) -> endpoints.put(region, "pgmanaged:" + server.root() + "?port=" + server.port()));
        return endpoints;
    }

    /** The JDBC URL of a region's server (loopback, user postgres). */
    public String jdbcUrl(String region) {
        return servers.get(region).jdbcUrl();
    }

    /** The postmaster's PID of a region's server, -1 when it does not run. */
    public long pid(String region) {
        return servers.get(region).pid().orElse(-1L);
    }

    /** Stops every server at once (immediate), also a paused one (killed). */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (ManagedServer server : servers.values()) {
            try {
                if (Files.exists(server.data())) {
                    server.kill();
                }
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
