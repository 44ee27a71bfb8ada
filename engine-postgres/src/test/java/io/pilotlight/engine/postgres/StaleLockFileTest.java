package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A killed postmaster that nobody reaps stays a zombie, and PostgreSQL reads the zombie's pid in postmaster.pid as
 * "another server is running". Where PID 1 reaps slowly or never (a container), a fenced primary then could not be
 * started privately to read its ledger before the rewind (CI caught this in PostgresFailoverTest).
 */
class StaleLockFileTest {

    @Test
    void aServerWhoseLockFileNamesAZombieStartsAgain() throws Exception {
        try (PgFixture pg = new PgFixture("east", "west")) {
            int port = Integer.parseInt(pg.servers.endpoints().get("east").replaceAll(".*port=", ""));
            ManagedServer east = new ManagedServer("east", pg.base.resolve("east"), port, PgBinaries.locate());
            pg.engine.close(); // its lease guard would fence east (kill it again) once it stops answering: not what is tested here
            long killed = pg.servers.pid("east");
            east.kill(); // its postmaster may stay a zombie here too, and its socket's lock file names it
            // the background sleep exits once its parent is "exec sleep 60", which never reaps it: a zombie
            Process parent = new ProcessBuilder("sh", "-c", "sleep 0.3 & echo $!; exec sleep 60").start();
            try {
                long zombie;
                try (var out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
                    zombie = Long.parseLong(out.readLine().strip());
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> stateOf(zombie).equals("Z"));
                Path lockFile = pg.base.resolve("east").resolve("data").resolve("postmaster.pid");
                Files.writeString(lockFile, zombie + "\n" + pg.base.resolve("east").resolve("data") + "\n");

                east.start();

                try (Connection c = pg.connect("east")) {
                    assertThat(c.createStatement().executeQuery("select 1").next()).isTrue();
                }
                assertThat(Files.readAllLines(lockFile).get(0)).isNotIn(Long.toString(zombie), Long.toString(killed));
            } finally {
                parent.destroyForcibly();
            }
        }
    }

    private static String stateOf(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }
}
