package io.pilotlight.planner.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.planner.Fixtures;
import io.pilotlight.planner.Plan;
import io.pilotlight.topology.load.LoadedTopology;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FindingRulesTest {

    private static List<Finding> findings(LoadedTopology loaded) {
        return Fixtures.plan(loaded).findings();
    }

    private static Finding only(LoadedTopology loaded, String code) {
        List<Finding> matching = findings(loaded).stream().filter(f -> f.code().equals(code)).toList();
        assertThat(matching).as("findings with code " + code + " in " + findings(loaded)).hasSize(1);
        return matching.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pilot-light", "warm-standby", "active-active", "backup-restore"})
    void theShippedExamplesHaveNoErrors(String example) {
        Plan plan = Fixtures.plan(Fixtures.example(example));
        assertThat(plan.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
        assertThat(plan.exitCode()).isZero();
    }

    @Test
    void theCleanFixtureHasOnlyTheNoteAboutItsCoordinator() {
        // two regions with automatic failover and no coordination declared: the INFO single-coordinator note, nothing else
        assertThat(findings(Fixtures.load(Fixtures.PILOT_LIGHT))).extracting(Finding::code).containsExactly("single-coordinator");
        assertThat(findings(Fixtures.load(Fixtures.PILOT_LIGHT + "coordination: {store: in-process}\n"))).isEmpty();
    }

    @Test
    void activeActiveOverASingleWriterDatabaseIsSplitBrain() {
        var loaded = Fixtures.pilotLightWith("pattern: pilot-light", "pattern: active-active");
        Finding finding = only(loaded, "split-brain");
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.message()).contains("this is active-passive; writing in both regions is split-brain");
        assertThat(finding.path()).isEqualTo("data_stores.orders.kind");
        assertThat(finding.line()).isEqualTo(20);
        assertThat(finding.fix()).contains("global-table");
    }

    @Test
    void aTtlLongerThanTheRtoMissesItAlone() {
        var loaded = Fixtures.pilotLightWith("objectives: {rto: 30m, rpo: 5m}", "objectives: {rto: 50s, rpo: 5m}");
        Finding finding = only(loaded, "ttl-exceeds-rto");
        assertThat(finding.evidence()).isEqualTo("ttl 1m > rto 50s");
        assertThat(finding.path()).isEqualTo("dns.zones[\"example.com\"].record_sets[0].ttl");
        assertThat(findings(loaded)).filteredOn(f -> f.code().equals("ttl-exceeds-rto")).hasSize(1);
    }

    @Test
    void detectionLongerThanTheRtoMissesItAlone() {
        var loaded = Fixtures.pilotLightWith("objectives: {rto: 30m, rpo: 5m}", "objectives: {rto: 30s, rpo: 5m}");
        Finding finding = only(loaded, "detection-exceeds-rto");
        assertThat(finding.evidence()).contains("3 x 10s").contains("32s > rto 30s");
        assertThat(finding.fix()).contains("request_interval");
    }

    @Test
    void aPrimaryFailoverRecordWithoutHealthCheckNeverFailsOver() {
        var loaded = Fixtures.pilotLightWith("health_check: api-east, ", "");
        Finding finding = only(loaded, "failover-without-health-check");
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.message()).contains("PRIMARY").contains("never fails over");
    }

    @Test
    void aSecondaryWithoutHealthCheckIsOnlyInformation() {
        var loaded = Fixtures.pilotLightWith("health_check: api-west, ", "");
        assertThat(only(loaded, "failover-without-health-check").severity()).isEqualTo(Severity.INFO);
        assertThat(Fixtures.plan(loaded).exitCode()).isZero();
    }

    @Test
    void aBackupIntervalAboveTheRpoIsAnError() {
        var loaded = Fixtures.pilotLightWith("  orders: {kind: global-database, writer: east, replication: {mode: async, lag_bound: 1s}}",
                "  orders: {kind: global-database, writer: east, replication: {mode: async, lag_bound: 1s}}\n"
                        + "  nightly: {kind: backup, interval: 24h, restore_time: 2h}");
        Finding finding = only(loaded, "backup-interval-above-rpo");
        assertThat(finding.evidence()).isEqualTo("interval 1d > rpo 5m");
        assertThat(finding.path()).isEqualTo("data_stores.nightly.interval");
        assertThat(finding.line()).isEqualTo(21);
    }

    @Test
    void pilotLightWithoutDrillsIsAnUntestedPlan() {
        var loaded = Fixtures.pilotLightWith("drills:\n  - {name: monthly, scenario: region-outage, every: 30d}\n", "");
        Finding finding = only(loaded, "untested-plan");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("an untested DR plan is a fiction");
    }

    @Test
    void countersInAMultiActiveTableAreUnsafeUnderLastWriterWins() {
        var loaded = Fixtures.pilotLightWith("  orders: {kind: global-database, writer: east, replication: {mode: async, lag_bound: 1s}}",
                "  orders: {kind: global-database, writer: east, replication: {mode: async, lag_bound: 1s}}\n"
                        + "  likes: {kind: global-table, writes: counters, replication: {mode: async, lag_bound: 1s}}");
        Finding finding = only(loaded, "unsafe-last-writer-wins");
        assertThat(finding.message()).contains("counters").contains("lose one update");
        var safe = Fixtures.pilotLightWith("  orders: {kind: global-database, writer: east, replication: {mode: async, lag_bound: 1s}}",
                "  orders: {kind: global-database, writer: east, replication: {mode: async, lag_bound: 1s}}\n"
                        + "  likes: {kind: global-table, writes: overwrites, replication: {mode: async, lag_bound: 1s}}");
        assertThat(findings(safe)).noneMatch(f -> f.code().equals("unsafe-last-writer-wins"));
    }

    @Test
    void aMissedRtoNamesTheLargestTerm() {
        var loaded = Fixtures.pilotLightWith("objectives: {rto: 30m, rpo: 5m}", "objectives: {rto: 4m, rpo: 5m}");
        Finding finding = only(loaded, "rto-missed");
        assertThat(finding.evidence()).contains("compute scale-up 3m");
        assertThat(finding.path()).isEqualTo("compute.api.instance_ready_time");
        assertThat(Fixtures.plan(loaded).exitCode()).isEqualTo(1);
    }

    @Test
    void aMissedRpoNamesTheStore() {
        var loaded = Fixtures.pilotLightWith("lag_bound: 1s", "lag_bound: 10m");
        Finding finding = only(loaded, "rpo-missed");
        assertThat(finding.message()).contains("orders").contains("10m");
        assertThat(finding.path()).isEqualTo("data_stores.orders.replication.lag_bound");
    }

    @Test
    void declaringMoreThanTheObjectivesNeedIsNoted() {
        var loaded = Fixtures.pilotLightWith("pattern: pilot-light", "pattern: warm-standby");
        assertThat(only(loaded, "more-than-needed").severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void declaringLessThanTheObjectivesNeedIsWarned() {
        var loaded = Fixtures.pilotLightWith("objectives: {rto: 30m, rpo: 5m}", "objectives: {rto: 30m, rpo: 10s}");
        Finding finding = only(loaded, "pattern-too-weak");
        assertThat(finding.message()).contains("warm-standby is the cheapest");
    }

    @Test
    void pilotLightRunningStandbyComputeIsAWarmStandby() {
        var loaded = Fixtures.pilotLightWith("west: {active: 4, standby: 0}", "west: {active: 4, standby: 1}");
        assertThat(only(loaded, "pilot-light-runs-compute").message()).contains("that is a warm standby");
    }

    @Test
    void residencyDriverRefusesCopiesAcrossJurisdictions() {
        var loaded = Fixtures.load(Fixtures.PILOT_LIGHT
                .replace("objectives: {rto: 30m, rpo: 5m}", "objectives: {rto: 30m, rpo: 5m, driver: data-residency}")
                .replace("east: {role: primary}", "east: {role: primary, jurisdiction: EU}")
                .replace("west: {role: standby}", "west: {role: standby, jurisdiction: US}"));
        Finding finding = only(loaded, "data-leaves-jurisdiction");
        assertThat(finding.message()).contains("[EU, US]");
    }

    @Test
    void errorsComeFirst() {
        var loaded = Fixtures.load(Fixtures.PILOT_LIGHT.replace("pattern: pilot-light", "pattern: active-active")
                .replace("drills:\n  - {name: monthly, scenario: region-outage, every: 30d}\n", "")
                .replace("health_check: api-west, ", ""));
        List<Finding> all = findings(loaded);
        assertThat(all).extracting(Finding::severity).isSortedAccordingTo(Enum::compareTo);
    }
}
