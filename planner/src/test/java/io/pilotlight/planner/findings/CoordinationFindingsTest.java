package io.pilotlight.planner.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.planner.Fixtures;
import io.pilotlight.planner.Plan;
import io.pilotlight.planner.Planner;
import io.pilotlight.topology.load.TopologyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the etcd members live: a majority must survive the loss of any one region, or nothing can fail over. */
class CoordinationFindingsTest {
    private static final String QUORUM = "coordination-loses-quorum";
    private static final String SINGLE = "single-coordinator";

    @TempDir
    Path dir;

    /** The planner's pilot light fixture (regions east and west) with a coordination section and, optionally, more regions. */
    private Plan plan(String extraRegions, String coordination) throws Exception {
        String text = Fixtures.PILOT_LIGHT.replace("  west: {role: standby}\n", "  west: {role: standby}\n" + extraRegions)
                + coordination;
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, text);
        return Planner.forTopology(TopologyLoader.load(file), null);
    }

    private static List<Finding> withCode(Plan plan, String code) {
        return plan.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    private static Finding only(Plan plan, String code) {
        List<Finding> found = withCode(plan, code);
        assertThat(found).as(code + " in " + plan.findings()).hasSize(1);
        return found.get(0);
    }

    @Test
    void onePlusOneInTwoRegionsCannotSurviveLosingEither() throws Exception {
        Plan plan = plan("", "coordination: {store: etcd, members: {east: 1, west: 1}}\n");
        Finding finding = only(plan, QUORUM);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.message()).startsWith("coordination placed in two regions cannot survive losing either: losing either region"
                + " leaves fewer than the majority of 2 of 2 etcd members");
        assertThat(finding.evidence()).isEqualTo("members per region: east 1, west 1 (2 in all); majority needed: 2;"
                + " losing east leaves 1 of 2: coordination stops; losing west leaves 1 of 2: coordination stops");
        assertThat(finding.fix()).contains("add a third region as a witness", "regions: {eu-west-1: {role: witness}}",
                "coordination.members: {east: 1, west: 1, eu-west-1: 1}", "leaves 2 of 3 members, a majority");
        assertThat(finding.path()).isEqualTo("coordination.members");
        assertThat(finding.line()).isEqualTo(30); // the coordination line, after the fixture's 29
        assertThat(plan.exitCode()).isEqualTo(1);
    }

    @Test
    void twoPlusOneInTwoRegionsStopsWhenTheMajorityRegionIsLost() throws Exception {
        Finding finding = only(plan("", "coordination: {store: etcd, members: {east: 2, west: 1}}\n"), QUORUM);
        assertThat(finding.message()).startsWith("coordination placed in two regions cannot survive losing either: losing east leaves"
                + " fewer than the majority of 2 of 3");
        assertThat(finding.evidence()).contains("members per region: east 2, west 1 (3 in all); majority needed: 2",
                "losing east leaves 1 of 3: coordination stops", "losing west leaves 2 of 3: coordination goes on");
        assertThat(finding.fix()).contains("coordination.members: {east: 1, west: 1, eu-west-1: 1}");
    }

    @Test
    void oneMemberInEachOfThreeRegionsWithAWitnessIsFine() throws Exception {
        Plan plan = plan("  witness: {role: witness}\n", "coordination: {store: etcd, members: {east: 1, west: 1, witness: 1}}\n");
        assertThat(withCode(plan, QUORUM)).isEmpty();
        assertThat(withCode(plan, SINGLE)).isEmpty();
        assertThat(plan.exitCode()).isZero();
    }

    @Test
    void threeRegionsStillLoseQuorumWhenOneHoldsHalfTheMembersOrMore() throws Exception {
        Finding finding = only(plan("  witness: {role: witness}\n",
                "coordination: {store: etcd, members: {east: 2, west: 1, witness: 1}}\n"), QUORUM);
        assertThat(finding.message()).isEqualTo("losing east leaves fewer than the majority of 3 of 4 etcd members, so coordination"
                + " stops: no writer lease, no epoch, no failover");
        assertThat(finding.fix()).contains("one per region: coordination.members: {east: 1, west: 1, witness: 1}");
    }

    @Test
    void aThirdServingRegionWithoutAMemberIsTheSuggestedThirdSite() throws Exception {
        Finding finding = only(plan("  south: {role: standby}\n", "coordination: {store: etcd, members: {east: 1, west: 1}}\n"), QUORUM);
        assertThat(finding.fix()).contains("add a member in a third region, south", "{east: 1, west: 1, south: 1}");
    }

    @Test
    void anAzOutageDriverMakesItAWarningNotAnError() throws Exception {
        String text = Fixtures.PILOT_LIGHT.replace("objectives: {rto: 30m, rpo: 5m}", "objectives: {rto: 30m, rpo: 5m, driver: az-outage}")
                + "coordination: {store: etcd, members: {east: 1, west: 1}}\n";
        Path file = dir.resolve("az.yaml");
        Files.writeString(file, text);
        Finding finding = only(Planner.forTopology(TopologyLoader.load(file), null), QUORUM);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void noCoordinationWithAutomaticFailoverAcrossRegionsIsInformationOnly() throws Exception {
        Plan plan = plan("", "");
        Finding finding = only(plan, SINGLE);
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.message()).contains("one-machine in-process coordinator", "when that region fails nothing can fail over");
        assertThat(finding.evidence()).isEqualTo("coordination: not declared; failover.mode: automatic across east, west");
        assertThat(finding.fix()).contains("coordination: {store: etcd, members: {east: 1, west: 1, eu-west-1: 1}}",
                "regions: {eu-west-1: {role: witness}}", "coordination: {store: in-process}");
        assertThat(finding.path()).isEqualTo("coordination");
        assertThat(plan.exitCode()).isZero();
    }

    @Test
    void theInProcessCoordinatorDeclaredOrManualFailoverSilencesTheNote() throws Exception {
        assertThat(withCode(plan("", "coordination: {store: in-process}\n"), SINGLE)).isEmpty();
        String manual = "failover: {mode: manual, decision_delay: 1m}";
        Path file = dir.resolve("manual.yaml");
        Files.writeString(file, Fixtures.PILOT_LIGHT.replace("failover: {decision_delay: 1m}", manual));
        assertThat(withCode(Planner.forTopology(TopologyLoader.load(file), null), SINGLE)).isEmpty();
    }

    @Test
    void theEtcdExampleValidatesAndPlansWithExitZero() {
        Plan plan = Fixtures.plan(Fixtures.example("pilot-light-etcd"));
        assertThat(plan.findings()).noneMatch(f -> f.code().equals(QUORUM) || f.code().equals(SINGLE))
                .noneMatch(f -> f.severity() == Severity.ERROR);
        assertThat(plan.exitCode()).isZero();
    }
}
