package io.pilotlight.engine.postgres;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where PostgreSQL 15's server programs are: {@code PILOTLIGHT_PG_BIN} when set, else Debian's
 * {@code /usr/lib/postgresql/15/bin} (package postgresql-15).
 */
public record PgBinaries(Path bin) {
    public static final Path DEBIAN = Path.of("/usr/lib/postgresql/15/bin");

    /** The binaries of this machine, or a {@link PostgresSetupException} naming the package to install. */
    public static PgBinaries locate() {
        String override = System.getenv("PILOTLIGHT_PG_BIN");
        return in(override == null || override.isBlank() ? DEBIAN : Path.of(override));
    }

    static PgBinaries in(Path bin) {
        for (String tool : new String[] {"postgres", "initdb", "pg_ctl", "pg_basebackup", "pg_rewind"}) {
            if (!Files.isExecutable(bin.resolve(tool))) {
                throw new PostgresSetupException("PostgreSQL 15 server binaries are missing: " + bin.resolve(tool)
                        + " is not there; install the Debian package postgresql-15 (apt-get install postgresql-15)"
                        + " or point PILOTLIGHT_PG_BIN at the folder holding initdb, pg_ctl, pg_basebackup and pg_rewind");
            }
        }
        return new PgBinaries(bin);
    }

    String tool(String name) {
        return bin.resolve(name).toString();
    }
}
