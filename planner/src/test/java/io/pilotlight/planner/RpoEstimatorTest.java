package io.pilotlight.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RpoEstimatorTest {

    @Test
    void asyncStoresAreBoundedByTheirLag() {
        RpoEstimate rpo = RpoEstimator.estimate(Fixtures.example("pilot-light").topology());
        assertThat(rpo.stores()).extracting(StoreRpo::name).containsExactly("orders", "assets");
        assertThat(rpo.stores().get(0).bound()).isEqualTo(Duration.ofSeconds(1));
        assertThat(rpo.worst()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void syncReplicationLosesNothing() {
        var sync = Fixtures.pilotLightWith("replication: {mode: async, lag_bound: 1s}", "replication: {mode: sync}");
        StoreRpo store = RpoEstimator.estimate(sync.topology()).stores().get(0);
        assertThat(store.bound()).isZero();
        assertThat(store.basis()).contains("synchronous");
    }

    @Test
    void aBackupLosesUpToOneInterval() {
        RpoEstimate rpo = RpoEstimator.estimate(Fixtures.example("backup-restore").topology());
        assertThat(rpo.worst()).isEqualTo(Duration.ofMinutes(15));
        assertThat(rpo.stores().get(0).path()).isEqualTo("data_stores.ledger.interval");
    }
}
