package io.pilotlight.topology.load;

import static io.pilotlight.topology.load.Loading.BASE;
import static io.pilotlight.topology.load.Loading.load;
import static io.pilotlight.topology.load.Loading.onlyProblemOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.topology.WritePattern;
import org.junit.jupiter.api.Test;

/** Data stores: a writer for a global database, replication where copies exist, an interval for backups. */
class DataStoreRulesTest {

    private static String withStore(String store) {
        return BASE + "data_stores:\n  db:\n" + store.indent(4);
    }

    @Test
    void wellFormedStoresOfEveryKindLoad() {
        load(withStore("{ kind: global-database, writer: us-east-1, replication: { mode: async, lag_bound: 1s } }"));
        load(withStore("{ kind: global-database, writer: us-east-1, regions: [us-east-1, us-west-2], replication: { mode: sync } }"));
        load(withStore("{ kind: backup, interval: 1h, restore_time: 30m }"));
        assertThat(load(withStore("{ kind: global-table, replication: { mode: async, lag_bound: 1s } }"))
                .dataStores().get("db").writes()).isEqualTo(WritePattern.OVERWRITES);
    }

    @Test
    void aGlobalDatabaseWithoutWriterIsReportedAtTheStore() {
        Problem problem = onlyProblemOf(withStore("kind: global-database\nreplication: { mode: sync }"));
        assertThat(problem).extracting(Problem::line, Problem::column, Problem::path).containsExactly(8, 5, "data_stores.db");
        assertThat(problem.message()).contains("a global-database needs writer");
    }

    @Test
    void theWriterMustBeAKnownRegionAndOneOfTheStoresRegions() {
        Problem unknown = onlyProblemOf(withStore("{ kind: global-database, writer: us-east-2, replication: { mode: sync } }"));
        assertThat(unknown).extracting(Problem::path, Problem::value).containsExactly("data_stores.db.writer", "us-east-2");
        assertThat(unknown.message()).contains("not a known region", "did you mean \"us-east-1\"");
        assertThat(onlyProblemOf(withStore("{ kind: global-database, writer: us-east-1, regions: [us-west-2], replication: { mode: sync } }"))
                .message()).contains("writer \"us-east-1\" is not one of the store's regions [us-west-2]");
        assertThat(onlyProblemOf(withStore("{ kind: global-table, writer: us-east-1, replication: { mode: sync } }")).message())
                .contains("accepts writes in every region");
    }

    @Test
    void anRpoGuardNeedsAsyncReplicationWithALagBound() {
        assertThat(onlyProblemOf(withStore("{ kind: global-database, writer: us-east-1, replication: { mode: sync, rpo_guard: 5s } }")))
                .extracting(Problem::path).isEqualTo("data_stores.db.replication.rpo_guard");
        assertThat(load(withStore("{ kind: global-database, writer: us-east-1, replication: { mode: async, lag_bound: 1s, rpo_guard: 5s } }"))
                .dataStores().get("db").replication().rpoGuard()).isEqualTo(java.time.Duration.ofSeconds(5));
    }

    @Test
    void asyncReplicationNeedsALagBoundAndSyncHasNone() {
        Problem async = onlyProblemOf(withStore("{ kind: object-replication, replication: { mode: async } }"));
        assertThat(async.path()).isEqualTo("data_stores.db.replication");
        assertThat(async.message()).contains("async replication needs lag_bound");
        Problem sync = onlyProblemOf(withStore("{ kind: object-replication, replication: { mode: sync, lag_bound: 1s } }"));
        assertThat(sync).extracting(Problem::path, Problem::value).containsExactly("data_stores.db.replication.lag_bound", "1s");
        assertThat(onlyProblemOf(withStore("{ kind: global-table }")).message()).contains("a global-table needs replication");
    }

    @Test
    void aBackupNeedsAnIntervalAndOnlyBackupsHaveOne() {
        assertThat(onlyProblemOf(withStore("{ kind: backup }")).message()).contains("a backup needs interval");
        assertThat(onlyProblemOf(withStore("{ kind: global-table, interval: 1h, replication: { mode: sync } }")).path())
                .isEqualTo("data_stores.db.interval");
        assertThat(onlyProblemOf(withStore("{ kind: global-table, restore_time: 1h, replication: { mode: sync } }")).message())
                .contains("restore_time applies to kind: backup only");
    }

    @Test
    void storeRegionsMustBeKnown() {
        Problem problem = onlyProblemOf(withStore("{ kind: backup, interval: 1h, regions: [us-east-1, eu-west-1] }"));
        assertThat(problem).extracting(Problem::path, Problem::value).containsExactly("data_stores.db.regions[1]", "eu-west-1");
    }
}
