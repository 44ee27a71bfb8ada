package io.pilotlight.engine.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * TLS for managed servers and every connection the engine makes, from the process's own certificate files (an agent's
 * {@code --tls-*} files, or {@code PILOTLIGHT_TLS_CERT}, {@code _KEY} and {@code _CA}). A managed server created with them
 * serves TLS with that certificate and, beyond loopback, takes only TLS connections ({@code hostssl}); the engine's JDBC
 * connections, PostgreSQL's programs and a standby's {@code primary_conninfo} use TLS and, with a CA bundle, check that the
 * server's certificate chains to it and names the address they connect to ({@code verify-full}); without one they only
 * encrypt ({@code require}).
 */
public record PostgresTls(Path certificate, Path privateKey, Path trustedCa) {
    static final String SERVER_CERT = "pilotlight-server.crt";
    static final String SERVER_KEY = "pilotlight-server.key";
    /** The CA bundle in a server's data directory: a standby's walreceiver runs there, so conninfo names it relatively. */
    static final String CA = "pilotlight-ca.crt";
    private static volatile PostgresTls configured = fromEnvironment(System.getenv());

    /** The files this process's servers serve and its clients check against (the agent's --tls-* files). */
    public static void use(PostgresTls tls) {
        configured = tls;
    }

    /** From {@code PILOTLIGHT_TLS_CERT}, {@code _KEY} (both, or no TLS) and {@code _CA} (optional). */
    public static PostgresTls fromEnvironment(Map<String, String> env) {
        String cert = env.get("PILOTLIGHT_TLS_CERT");
        String key = env.get("PILOTLIGHT_TLS_KEY");
        if (cert == null || cert.isBlank() || key == null || key.isBlank()) {
            return null;
        }
        String ca = env.get("PILOTLIGHT_TLS_CA");
        return new PostgresTls(Path.of(cert), Path.of(key), ca == null || ca.isBlank() ? null : Path.of(ca));
    }

    static Optional<PostgresTls> configured() {
        return Optional.ofNullable(configured);
    }

    String sslmode() {
        return trustedCa != null ? "verify-full" : "require";
    }

    /** The server's settings, appended to postgresql.conf (files in its data directory, see {@link #install}). */
    String settings() {
        return "ssl = on\nssl_cert_file = '" + SERVER_CERT + "'\nssl_key_file = '" + SERVER_KEY + "'\n"
                + (trustedCa != null ? "ssl_ca_file = '" + CA + "'\n" : "");
    }

    /** What a standby's primary_conninfo adds (the CA relative to its data directory, where its walreceiver runs). */
    String conninfo() {
        return " sslmode=" + sslmode() + (trustedCa != null ? " sslrootcert=" + CA : "");
    }

    /** What PostgreSQL's programs run for {@code server} get: its copy of the CA (the postgres user reads it). */
    Map<String, String> toolEnvironment(Path root) {
        return trustedCa != null ? Map.of("PGSSLMODE", sslmode(), "PGSSLROOTCERT", root.resolve("tls").resolve(CA).toString())
                : Map.of("PGSSLMODE", sslmode());
    }

    void jdbc(Properties props) {
        props.setProperty("ssl", "true");
        props.setProperty("sslmode", sslmode());
        if (trustedCa != null) {
            props.setProperty("sslrootcert", trustedCa.toAbsolutePath().toString());
        }
    }

    /** Copies the CA into {@code ROOT/tls}, where PostgreSQL's programs (run as postgres) read it. */
    void installForTools(Path root) throws IOException {
        if (trustedCa != null) {
            Path dir = Files.createDirectories(root.resolve("tls"));
            Files.copy(trustedCa, dir.resolve(CA), StandardCopyOption.REPLACE_EXISTING);
            AsPostgres.own(dir);
        }
    }

    /** Copies the certificate, key (readable by its owner only, as PostgreSQL demands) and CA into the data directory. */
    void installForServer(Path data) throws IOException {
        Files.copy(certificate, data.resolve(SERVER_CERT), StandardCopyOption.REPLACE_EXISTING);
        Path key = data.resolve(SERVER_KEY);
        Files.copy(privateKey, key, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        if (trustedCa != null) {
            Files.copy(trustedCa, data.resolve(CA), StandardCopyOption.REPLACE_EXISTING);
        }
        for (String name : new String[] {SERVER_CERT, SERVER_KEY, CA}) {
            if (Files.exists(data.resolve(name))) {
                AsPostgres.own(data.resolve(name));
            }
        }
    }
}
