package io.pilotlight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pilotlight.engine.Capability;
import io.pilotlight.engine.DataStoreEngine;
import io.pilotlight.engine.Engines;
import io.pilotlight.engine.Handover;
import io.pilotlight.engine.Position;
import io.pilotlight.engine.RegionState;
import io.pilotlight.engine.ReplicaRole;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store behind the engine seam, on real nodes over real HTTP: what the orchestrator
 * and the drill see of it is typed (roles, epochs, positions, lag), and its handovers keep their
 * promises (switchover loses nothing; a promotion waits for the old writer's lease).
 */
class EmbeddedEngineTest {
    private static final DataStore SPEC = new DataStore(DataStoreKind.GLOBAL_DATABASE, "embedded", null, "east", null, null, null, null,
            Duration.ofMillis(1000), null);

    private static DataStoreEngine engine(Cluster cluster) {
        Map<String, String> urls = new LinkedHashMap<>(cluster.urls);
        urls.put("north", "http://127.0.0.1:1"); // a region whose node never answers
        return Engines.open("orders", SPEC, urls, null);
    }

    @Test
    void rolesPositionsAndLagAreTypedAndAnUnreachableNodeSaysWhy(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).startAll(); DataStoreEngine engine = engine(cluster)) {
            assertThat(engine.engine()).isEqualTo("embedded");
            assertThat(engine.capabilities()).contains(Capability.PROMOTE, Capability.SWITCHOVER, Capability.LOST_WRITES_LEDGER)
                    .doesNotContain(Capability.RESTORE);
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.writer().isPresent());
            Position last = Position.NONE;
            for (int i = 0; i < 50; i++) {
                last = engine.writeProbe("probe/" + i, "v" + i);
            }
            Position written = last;
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.state("west").durable().compareTo(written) >= 0);

            RegionState east = engine.state("east");
            assertThat(east.role()).isEqualTo(ReplicaRole.WRITER);
            assertThat(east.leaseValid()).isTrue();
            assertThat(east.epoch()).isEqualTo(1);
            assertThat(east.durable()).isEqualTo(written);
            RegionState west = engine.state("west");
            assertThat(west.role()).isEqualTo(ReplicaRole.REPLICA);
            assertThat(west.lag().entries()).isZero();
            assertThat(west.lastContact()).isNotNull();
            RegionState north = engine.state("north");
            assertThat(north.reachable()).isFalse();
            assertThat(north.detail()).contains("north's store node does not answer at http://127.0.0.1:1");
            assertThat(engine.writer()).contains("east");
            assertThat(engine.readBack(List.of("probe/0", "probe/49", "probe/never"))).containsExactly(
                    Map.entry("probe/0", "v0"), Map.entry("probe/49", "v49"));
        }
    }

    @Test
    void aSwitchoverHandsOverAtANewEpochAndTheOldWriterRejoinsWithAnEmptyLedger(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).startAll(); DataStoreEngine engine = engine(cluster)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.writer().isPresent());
            engine.writeProbe("before", "1");
            Handover handover = engine.switchover("west", Duration.ofSeconds(10));
            assertThat(handover.region()).isEqualTo("west");
            assertThat(handover.epoch()).isEqualTo(2);
            assertThat(handover.writeGap()).isLessThan(Duration.ofSeconds(1));
            assertThat(engine.rejoin("east")).contains("east follows west at epoch 2");
            assertThat(engine.lostWrites("east")).isEmpty();
            assertThat(engine.readBack(List.of("before"))).containsEntry("before", "1");
            assertThat(engine.switchover("west", Duration.ofSeconds(10)).summary()).isEqualTo("west is already the writer");
        }
    }

    @Test
    void aPromotionAfterTheWriterDiesWaitsForItsLeaseAndThenServes(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).startAll(); DataStoreEngine engine = engine(cluster)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.writer().isPresent());
            Position kept = engine.writeProbe("kept", "yes");
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.state("west").durable().compareTo(kept) >= 0);
            cluster.stop("east");
            assertThat(engine.fence("east")).contains("its lease (1000ms) fences it");

            Handover handover = engine.promote("west", Duration.ofSeconds(5), false);
            assertThat(handover.epoch()).isEqualTo(2);
            assertThat(handover.writeGap()).as("it waited for the dead writer's lease to lapse").isPositive();
            assertThat(engine.writer()).contains("west");
            assertThat(engine.state("east").role()).isEqualTo(ReplicaRole.UNREACHABLE);
            assertThat(engine.readBack(List.of("kept"))).containsEntry("kept", "yes");
        }
    }

    @Test
    void anEngineThatIsNotOnTheClassPathIsNamedWithTheOnesThatAre() {
        DataStore postgres = new DataStore(DataStoreKind.GLOBAL_DATABASE, "postgres", null, "east", null, null, null, null,
                Duration.ofSeconds(2), null);
        assertThatThrownBy(() -> Engines.open("ledger", postgres, Map.of("east", "postgresql://x"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data store ledger: engine \"postgres\" is not available here; available: [embedded]");
    }
}
