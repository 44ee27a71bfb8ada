package io.pilotlight.engine.postgres;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One region's PostgreSQL server as the engine was given it: managed ({@code pgmanaged:/path/to/folder?port=N}, a server
 * Pilotlight started and can stop, rewind and restart) or attached (a JDBC URL {@code jdbc:postgresql://host:port/db?user=...}
 * or {@code postgresql://...}: reached over SQL only).
 */
record Member(String region, String jdbcUrl, String host, int port, ManagedServer managed) {

    static Member parse(String region, String endpoint, PgBinariesSupplier binaries) {
        if (endpoint.startsWith("pgmanaged:")) {
            URI uri = URI.create(endpoint);
            String query = uri.getQuery() == null ? "" : uri.getQuery();
            int port = -1;
            for (String part : query.split("&")) {
                if (part.startsWith("port=")) {
                    port = Integer.parseInt(part.substring(5));
                }
            }
            if (port <= 0 || port > 65535 || uri.getPath() == null) {
                throw new IllegalArgumentException(region + ": managed endpoint \"" + endpoint + "\" needs a folder and a port:"
                        + " pgmanaged:/path/to/folder?port=5433");
            }
            ManagedServer server = new ManagedServer(region, Path.of(uri.getPath()), port, binaries.get());
            return new Member(region, server.jdbcUrl(), "127.0.0.1", port, server);
        }
        String jdbc = endpoint.startsWith("postgresql://") || endpoint.startsWith("postgres://")
                ? "jdbc:postgresql://" + endpoint.substring(endpoint.indexOf("://") + 3) : endpoint;
        if (!jdbc.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(region + ": endpoint \"" + endpoint + "\" is neither pgmanaged:/folder?port=N nor a"
                    + " PostgreSQL URL (jdbc:postgresql://host:port/db or postgresql://host:port/db)");
        }
        URI uri = URI.create(jdbc.substring(5));
        return new Member(region, jdbc, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), null);
    }

    Optional<ManagedServer> server() {
        return Optional.ofNullable(managed);
    }

    String where() {
        return host + ":" + port;
    }

    interface PgBinariesSupplier {
        PgBinaries get();
    }
}
