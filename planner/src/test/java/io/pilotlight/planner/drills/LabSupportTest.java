package io.pilotlight.planner.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.planner.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shipped example either drills in the lab or says at once what the lab lacks for it. */
class LabSupportTest {

    @ParameterizedTest
    @ValueSource(strings = {"pilot-light", "pilot-light-lab", "warm-standby-lab", "warm-standby", "backup-restore-lab",
        "backup-restore-postgres-lab", "backup-restore"})
    void theLabVariantOfEachPatternDrills(String example) {
        assertThat(LabSupport.missing(Fixtures.example(example).topology())).isEmpty();
    }

    @Test
    void aGlobalDatabaseOnPostgresDrills() {
        assertThat(LabSupport.missing(Fixtures.example("warm-standby").topology())).isEmpty();
        assertThat(LabSupport.missing(Fixtures.example("pilot-light-postgres").topology())).isEmpty();
        assertThat(LabSupport.missing(Fixtures.example("pilot-light-postgres-lab").topology())).isEmpty();
    }

    @Test
    void aManualModeTopologyDrillsBecauseTheDrillPlaysTheOperator() {
        var topology = Fixtures.example("backup-restore-lab").topology();
        assertThat(topology.failoverOrDefault().mode().name()).isEqualTo("MANUAL");
        assertThat(LabSupport.missing(topology)).isEmpty();
    }

    @Test
    void theExamplesTheLabCannotRunYetNameWhatIsMissing() {
        assertThat(LabSupport.explain(Fixtures.example("active-active").topology())).contains("a primary region")
                .contains("kind global-table");
    }

    @Test
    void etcdCoordinationIsNotWhatTheLabRunsYetSoTheEtcdExampleSaysSo() {
        assertThat(LabSupport.explain(Fixtures.example("pilot-light-etcd").topology()))
                .contains("coordination through etcd (members in us-east-1, us-west-2, eu-west-1)", "in-process coordinator")
                .doesNotContain("a standby region");
    }

    @Test
    void aWitnessIsNotAStandbyTheDrillCanFailOverTo() {
        var topology = Fixtures.load(Fixtures.PILOT_LIGHT.replace("  west: {role: standby}\n", "  west: {role: witness}\n")
                .replaceAll("(?m)^.*west.*127\\.0\\.2\\.1.*\n", "").replace("      west: {active: 4, standby: 0}\n", "")
                + "coordination: {members: {east: 1, west: 1}}\n").topology(); // west: a witness, its endpoint, record and compute gone
        assertThat(LabSupport.missing(topology)).anyMatch(m -> m.startsWith("a standby region to fail over to (a witness region"
                + " holds only a coordination member"));
    }
}
