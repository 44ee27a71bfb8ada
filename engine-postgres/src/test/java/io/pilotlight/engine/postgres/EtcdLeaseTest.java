package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.engine.EngineException;
import io.pilotlight.engine.Handover;
import io.pilotlight.store.coord.EtcdProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The writer lease of a PostgreSQL data store in etcd ({@code @lease etcd://...}), as agents on several machines keep it:
 * a second engine (another machine's controller) cannot promote while the writer's guard renews, and takes over once
 * the writer's process is gone and its lease lapsed in etcd.
 */
class EtcdLeaseTest {

    @Test
    void theLeaseInEtcdKeepsOneWriterAndPassesOnlyAfterItLapses() throws Exception {
        Path base = Files.createTempDirectory("pilotlight-pg-etcd-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (EtcdProcess etcd = EtcdProcess.start(base.resolve("etcd"));
             ManagedPostgres servers = ManagedPostgres.start(base, "east", ManagedPostgres.freePorts(List.of("east", "west")))) {
            Map<String, String> endpoints = new LinkedHashMap<>(servers.endpoints());
            endpoints.put(PostgresEngineFactory.LEASE_KEY, etcd.target("/pilotlight/orders").toString());
            var spec = PgFixture.spec("east", List.of("east", "west"));
            try (PostgresEngine writer = PostgresEngineFactory.open("orders", spec, endpoints, Clock.systemUTC(), UnaryOperator.identity());
                 PostgresEngine other = PostgresEngineFactory.open("orders", spec, withGuard(endpoints, "none"), Clock.systemUTC(),
                         UnaryOperator.identity())) {
                writer.writeProbe("before", "1");
                // a cold etcd client's first calls may pass their deadline (read as unreachable, never as "no holder"): wait
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> other.writer().filter("east"::equals).isPresent());
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> other.state("west").lag().entries() == 0 && other.state("west").detail().contains("streaming"));
                assertThatThrownBy(() -> other.promote("west", Duration.ofSeconds(3), false)).isInstanceOf(EngineException.class)
                        .hasMessageContaining("east holds the writer lease of orders");

                writer.close(); // the writer's machine is gone: nobody renews its lease in etcd, its server is fenced below
                Handover handover = other.promote("west", Duration.ofSeconds(10), false);
                assertThat(handover.region()).isEqualTo("west");
                assertThat(other.readBack(List.of("before"))).containsEntry("before", "1");
            }
        } finally {
            PgFixture.delete(base);
        }
    }

    private static Map<String, String> withGuard(Map<String, String> endpoints, String guard) {
        Map<String, String> copy = new LinkedHashMap<>(endpoints);
        copy.put(PostgresEngineFactory.GUARD_KEY, guard);
        return copy;
    }
}
