package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The clear refusals of a managed setup: what is wrong and what to do. */
class ManagedPostgresSetupTest {

    @Test
    void missingBinariesNameTheDebianPackage() {
        assertThatThrownBy(() -> PgBinaries.in(Path.of("/nonexistent/postgresql/bin"))).isInstanceOf(PostgresSetupException.class)
                .hasMessageContaining("/nonexistent/postgresql/bin/postgres is not there")
                .hasMessageContaining("install the Debian package postgresql-15");
    }

    @Test
    void aPortInUseIsRefusedNamingThePortAndTheRegion() throws Exception {
        Path base = Files.createTempDirectory("pilotlight-pg-setup-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> ManagedPostgres.start(base, "east", Map.of("east", taken.getLocalPort())))
                    .isInstanceOf(PostgresSetupException.class)
                    .hasMessage("east: port " + taken.getLocalPort() + " on 127.0.0.1 is in use (another PostgreSQL or another program);"
                            + " give this region another port");
        } finally {
            PgFixture.delete(base);
        }
    }

    @Test
    void aDataDirectoryOwnedByRootIsRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(AsPostgres.root(), "only root can leave a root-owned folder behind");
        Path base = Files.createTempDirectory("pilotlight-pg-setup-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectory(base.resolve("east"));
        try {
            assertThatThrownBy(() -> ManagedPostgres.start(base, "east", Map.of("east", ManagedServer.freePort())))
                    .isInstanceOf(PostgresSetupException.class)
                    .hasMessageContaining("the data directory " + base.resolve("east") + " is owned by root; PostgreSQL refuses to run as root")
                    .hasMessageContaining("chown -R postgres:postgres");
        } finally {
            PgFixture.delete(base);
        }
    }

    @Test
    void aFolderThePostgresUserCannotReachIsRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(AsPostgres.root(), "the check runs as root only");
        Path base = Files.createTempDirectory("pilotlight-pg-setup-"); // 0700, root's
        try {
            assertThatThrownBy(() -> ManagedPostgres.start(base, "east", Map.of("east", ManagedServer.freePort())))
                    .isInstanceOf(PostgresSetupException.class).hasMessageContaining("the postgres user cannot reach " + base);
        } finally {
            PgFixture.delete(base);
        }
    }
}
