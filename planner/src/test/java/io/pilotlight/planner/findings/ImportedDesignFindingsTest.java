package io.pilotlight.planner.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.planner.Fixtures;
import io.pilotlight.topology.load.LoadedTopology;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The findings issue 17 asked for on designs imported from Terraform; they belong to any topology. */
class ImportedDesignFindingsTest {

    private static List<Finding> findings(LoadedTopology loaded, String code) {
        return Fixtures.plan(loaded).findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    @Test
    void aPrimaryWithoutSecondaryHasNowhereToFailOver() {
        var loaded = Fixtures.pilotLightWith(
                "        - {name: api, type: A, ttl: 60, set_identifier: s, failover_routing_policy: {type: SECONDARY}, health_check: api-west, records: [127.0.2.1]}\n",
                "");
        List<Finding> found = findings(loaded, "primary-without-secondary");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(found.get(0).message()).contains("nowhere to fail over to");
        assertThat(found.get(0).path()).isEqualTo("dns.zones[\"example.com\"].record_sets[0].failover_routing_policy");
    }

    @Test
    void aPrimaryWithItsSecondaryIsNotReported() {
        assertThat(findings(Fixtures.load(Fixtures.PILOT_LIGHT), "primary-without-secondary")).isEmpty();
    }

    @Test
    void aRoutedAliasThatIgnoresItsTargetsHealthIsAWarning() {
        var loaded = Fixtures.pilotLightWith(
                "        - {name: api, type: A, ttl: 60, set_identifier: s, failover_routing_policy: {type: SECONDARY}, health_check: api-west, records: [127.0.2.1]}\n",
                "        - {name: api, type: A, ttl: 60, set_identifier: s, failover_routing_policy: {type: SECONDARY}, alias: {name: web, evaluate_target_health: false}}\n"
                        + "        - {name: web, type: A, ttl: 60, records: [127.0.2.1]}\n");
        List<Finding> found = findings(loaded, "alias-ignores-target-health");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(found.get(0).path()).endsWith("record_sets[1].alias.evaluate_target_health");
    }

    @Test
    void anAliasThatEvaluatesItsTargetsHealthIsNotReported() {
        var loaded = Fixtures.pilotLightWith(
                "        - {name: api, type: A, ttl: 60, set_identifier: s, failover_routing_policy: {type: SECONDARY}, health_check: api-west, records: [127.0.2.1]}\n",
                "        - {name: api, type: A, ttl: 60, set_identifier: s, failover_routing_policy: {type: SECONDARY}, alias: {name: web, evaluate_target_health: true}}\n"
                        + "        - {name: web, type: A, ttl: 60, records: [127.0.2.1]}\n");
        assertThat(findings(loaded, "alias-ignores-target-health")).isEmpty();
    }

    @Test
    void thirtySecondIntervalsWithATightRtoAreSlow() {
        var loaded = Fixtures.pilotLightWith("request_interval: 10s", "request_interval: 30s");
        var tight = Fixtures.load(Fixtures.PILOT_LIGHT.replace("request_interval: 10s", "request_interval: 30s")
                .replace("objectives: {rto: 30m, rpo: 5m}", "objectives: {rto: 5m, rpo: 5m}"));
        assertThat(findings(loaded, "slow-health-check")).as("92s of a 30m RTO is not tight").isEmpty();
        List<Finding> found = findings(tight, "slow-health-check");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).message()).contains("request_interval 30s makes detection alone 1m32s, 31% of the RTO 5m");
        assertThat(found.get(0).fix()).contains("detection 32s instead");
    }

    @Test
    void tenSecondIntervalsAreNeverCalledSlow() {
        var tight = Fixtures.pilotLightWith("objectives: {rto: 30m, rpo: 5m}", "objectives: {rto: 1m, rpo: 5m}");
        assertThat(findings(tight, "slow-health-check")).isEmpty();
    }
}
