package io.pilotlight.engine.postgres;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One region's PostgreSQL server as the engine was given it: managed ({@code pgmanaged:/path/to/folder?port=N[&host=127.x.y.z]},
 * a server Pilotlight started and can stop, rewind and restart) or attached (a JDBC URL {@code jdbc:postgresql://host:port/db?user=...}
 * or {@code postgresql://...}: reached over SQL only). A managed endpoint may also say how its region reaches the others
 * ({@code via.REGION=HOST:PORT}, a lab link) and the lease store ({@code lease=URL}): the region's keeper streams, rewinds
 * and renews its lease through them, so a cut link cuts them too.
 *
 * @param via   how this region reaches another region's server, where not directly
 * @param lease the lease store as this region reaches it; null: the engine's own
 */
record Member(String region, String jdbcUrl, String host, int port, ManagedServer managed, Map<String, HostPort> via, String lease) {

    Member {
        via = Map.copyOf(via);
    }

    static Member parse(String region, String endpoint, PgBinariesSupplier binaries) {
        if (endpoint.startsWith("pgmanaged:")) {
            URI uri = URI.create(endpoint);
            String query = uri.getQuery() == null ? "" : uri.getQuery();
            int port = -1;
            String host = ManagedServer.LOOPBACK;
            String lease = null;
            Map<String, HostPort> via = new LinkedHashMap<>();
            for (String part : query.split("&")) {
                String value = part.substring(part.indexOf('=') + 1);
                if (part.startsWith("port=")) {
                    port = Integer.parseInt(value);
                } else if (part.startsWith("host=")) {
                    host = value;
                } else if (part.startsWith("lease=")) {
                    lease = value;
                } else if (part.startsWith("via.") && part.contains("=")) {
                    via.put(part.substring(4, part.indexOf('=')), HostPort.parse(value, region + ": via." + part.substring(4, part.indexOf('='))));
                } else if (!part.isEmpty()) {
                    throw new IllegalArgumentException(region + ": managed endpoint \"" + endpoint + "\": unknown parameter \"" + part
                            + "\"; allowed: port, host, lease, via.REGION");
                }
            }
            if (port <= 0 || port > 65535 || uri.getPath() == null) {
                throw new IllegalArgumentException(region + ": managed endpoint \"" + endpoint + "\" needs a folder and a port:"
                        + " pgmanaged:/path/to/folder?port=5433");
            }
            ManagedServer server = new ManagedServer(region, Path.of(uri.getPath()), host, port, binaries.get());
            return new Member(region, server.jdbcUrl(), host, port, server, via, lease);
        }
        String jdbc = endpoint.startsWith("postgresql://") || endpoint.startsWith("postgres://")
                ? "jdbc:postgresql://" + endpoint.substring(endpoint.indexOf("://") + 3) : endpoint;
        if (!jdbc.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(region + ": endpoint \"" + endpoint + "\" is neither pgmanaged:/folder?port=N nor a"
                    + " PostgreSQL URL (jdbc:postgresql://host:port/db or postgresql://host:port/db)");
        }
        URI uri = URI.create(jdbc.substring(5));
        return new Member(region, jdbc, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), null, Map.of(), null);
    }

    Optional<ManagedServer> server() {
        return Optional.ofNullable(managed);
    }

    String where() {
        return host + ":" + port;
    }

    /** Where this region reaches {@code other}'s server: through its link when it has one, else directly. */
    HostPort reach(Member other) {
        return via.getOrDefault(other.region(), new HostPort(other.host(), other.port()));
    }

    interface PgBinariesSupplier {
        PgBinaries get();
    }
}
