package io.pilotlight.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RtoEstimatorTest {

    @Test
    void pilotLightExampleBreaksTheRtoIntoItsTerms() {
        RtoEstimate rto = RtoEstimator.estimate(Fixtures.example("pilot-light").topology());
        assertThat(rto.terms()).extracting(RtoTerm::name).containsExactly("detection", "decision delay", "data promotion",
                "compute scale-up", "standby health", "DNS TTL", "client DNS cache", "clients sustain");
        assertThat(rto.term("detection").estimate()).isEqualTo(Duration.ofSeconds(32)); // 3 x 10s + 2s
        assertThat(rto.term("detection").basis()).contains("api-us-east-1");
        assertThat(rto.term("decision delay").estimate()).isEqualTo(Duration.ofMinutes(2));
        assertThat(rto.term("data promotion").estimate()).isEqualTo(Duration.ofSeconds(3)); // 2s lease + 1s
        assertThat(rto.term("compute scale-up").estimate()).isEqualTo(Duration.ofMinutes(3));
        assertThat(rto.term("compute scale-up").basis()).contains("0 -> 4");
        assertThat(rto.term("standby health").estimate()).as("3 healthy results x 10s before DNS answers the new instances")
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(rto.term("standby health").basis()).contains("api-us-west-2");
        assertThat(rto.term("DNS TTL").estimate()).isEqualTo(Duration.ofSeconds(60));
        assertThat(rto.term("client DNS cache").estimate()).isEqualTo(Duration.ofSeconds(30));
        assertThat(rto.term("clients sustain").estimate()).as("2s request timeout + 100ms retry (assumed) + 2s whole-second counting")
                .isEqualTo(Duration.ofMillis(4_100));
        assertThat(rto.total()).isEqualTo(Duration.ofSeconds(32 + 120 + 3 + 180 + 30 + 60 + 30).plusMillis(4_100));
    }

    @Test
    void theClientsSustainTermAssumesTheDrillsClientsAndSaysSoUnlessTheTopologyGivesItsClients() {
        RtoTerm assumed = RtoEstimator.estimate(Fixtures.load(Fixtures.PILOT_LIGHT).topology()).term("clients sustain");
        assertThat(assumed.estimate()).isEqualTo(Duration.ofMillis(4_100));
        assertThat(assumed.basis()).contains("times out (2s)", "follows 100ms later", "whole seconds (+2s)",
                "assumed as the drill's clients, set clients.request_timeout and clients.retry_interval",
                "the old answer's expiry is in the DNS terms");
        var given = Fixtures.pilotLightWith("failover: {decision_delay: 1m}",
                "failover: {decision_delay: 1m}\nclients: {dns_cache: 30s, request_timeout: 10s, retry_interval: 1s}");
        RtoTerm derived = RtoEstimator.estimate(given.topology()).term("clients sustain");
        assertThat(derived.estimate()).as("10s timeout + 1s retry + 2s").isEqualTo(Duration.ofSeconds(13));
        assertThat(derived.basis()).doesNotContain("assumed");
        assertThat(derived.path()).isEqualTo("clients.request_timeout");
    }

    @Test
    void withoutRoutedRecordsClientsAreNotMovedByDnsSoThereIsNoSustainTail() {
        var loaded = Fixtures.load(Fixtures.PILOT_LIGHT.substring(0, Fixtures.PILOT_LIGHT.indexOf("dns:"))
                + Fixtures.PILOT_LIGHT.substring(Fixtures.PILOT_LIGHT.indexOf("data_stores:")));
        RtoTerm term = RtoEstimator.estimate(loaded.topology()).term("clients sustain");
        assertThat(term.estimate()).isZero();
        assertThat(term.basis()).contains("not moved by DNS");
    }

    @Test
    void clientCacheTermAppearsOnlyWhenKnown() {
        RtoEstimate rto = RtoEstimator.estimate(Fixtures.load(Fixtures.PILOT_LIGHT).topology());
        assertThat(rto.terms()).extracting(RtoTerm::name).doesNotContain("client DNS cache");
    }

    @Test
    void calculatedCheckDetectsAsSlowlyAsItsSlowestChild() {
        String yaml = Fixtures.PILOT_LIGHT.replace("health_check: api-east,", "health_check: both,")
                + "health_checks:\n"
                + "  slow: {type: TCP, ip_address: 127.0.0.9, port: 9, request_interval: 30s, failure_threshold: 5, timeout: 4s}\n"
                + "  both: {type: CALCULATED, child_health_checks: [api-east, slow], health_threshold: 2}\n";
        RtoEstimate rto = RtoEstimator.estimate(Fixtures.load(yaml).topology());
        assertThat(rto.term("detection").estimate()).isEqualTo(Duration.ofSeconds(154)); // 5 x 30s + 4s
        assertThat(rto.term("detection").basis()).startsWith("both").contains("5 x 30s");
    }

    @Test
    void warmStandbyScalesUpWhenStandbyIsBelowFullAndNotWhenAtFull() {
        var warm = Fixtures.pilotLightWith("west: {active: 4, standby: 0}", "west: {active: 4, standby: 2}");
        assertThat(RtoEstimator.estimate(warm.topology()).term("compute scale-up").estimate()).isEqualTo(Duration.ofMinutes(3));
        var full = Fixtures.pilotLightWith("west: {active: 4, standby: 0}", "west: {active: 4, standby: 4}");
        RtoTerm term = RtoEstimator.estimate(full.topology()).term("compute scale-up");
        assertThat(term.estimate()).isZero();
        assertThat(term.basis()).contains("full capacity");
    }

    @Test
    void activeActiveNeitherPromotesNorScales() {
        RtoEstimate rto = RtoEstimator.estimate(Fixtures.example("active-active").topology());
        assertThat(rto.term("data promotion").estimate()).isZero();
        assertThat(rto.term("compute scale-up").estimate()).isZero();
        assertThat(rto.term("detection").estimate()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void withoutRoutedRecordsFailureIsNeverDetected() {
        var loaded = Fixtures.load(Fixtures.PILOT_LIGHT.substring(0, Fixtures.PILOT_LIGHT.indexOf("dns:"))
                + Fixtures.PILOT_LIGHT.substring(Fixtures.PILOT_LIGHT.indexOf("data_stores:")));
        RtoEstimate rto = RtoEstimator.estimate(loaded.topology());
        assertThat(rto.term("detection").basis()).contains("never detected");
        assertThat(rto.term("DNS TTL").basis()).contains("no record set with a routing policy");
    }

    @Test
    void enginesWithoutPromotionTimeUseTheirTypicalFigureAndSaySo() {
        var postgres = Fixtures.pilotLightWith("kind: global-database,", "kind: global-database, engine: postgres,");
        RtoTerm term = RtoEstimator.estimate(postgres.topology()).term("data promotion");
        assertThat(term.estimate()).isEqualTo(Duration.ofSeconds(30));
        assertThat(term.basis()).contains("set promotion_time");
        var given = Fixtures.pilotLightWith("kind: global-database,", "kind: global-database, promotion_time: 45s,");
        assertThat(RtoEstimator.estimate(given.topology()).term("data promotion").estimate()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void backupRestoreCountsTheRestoreAsPromotion() {
        RtoEstimate rto = RtoEstimator.estimate(Fixtures.example("backup-restore").topology());
        assertThat(rto.term("data promotion").estimate()).isEqualTo(Duration.ofMinutes(45));
        assertThat(rto.term("decision delay").basis()).contains("manual");
    }
}
