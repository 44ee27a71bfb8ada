package io.pilotlight.orchestrator.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunbookPlannerTest {

    @Test
    void pilotLightFencesPromotesScalesFromZeroWaitsFlipsAndVerifies() throws Exception {
        Runbook runbook = RunbookPlanner.failover(Examples.load("pilot-light"), "us-east-1", "us-west-2");
        assertThat(runbook.steps()).extracting(Step::kind).containsExactly(StepKind.FENCE_OLD_WRITER, StepKind.PROMOTE_REPLICA,
                StepKind.SCALE_UP, StepKind.WAIT_HEALTHY, StepKind.FLIP_DNS, StepKind.VERIFY_DNS);
        assertThat(runbook.steps().get(2).description()).isEqualTo("scale api in us-west-2 from 0 to 4 instances");
        assertThat(runbook.steps().get(2).expected()).isEqualTo(Duration.ofMinutes(3));
        assertThat(runbook.steps().get(0).expected()).as("the writer lease").isEqualTo(Duration.ofSeconds(2));
        assertThat(runbook.steps().get(5).params()).containsEntry("name", "api.shop.example").containsEntry("expect", "127.0.2.1");
        assertThat(runbook.id()).isEqualTo("shop-api-failover-us-east-1-to-us-west-2");
    }

    @Test
    void warmStandbyScalesToFull() throws Exception {
        Runbook runbook = RunbookPlanner.failover(Examples.load("warm-standby"), "us-east-1", "us-east-2");
        assertThat(runbook.steps()).extracting(Step::description).contains("scale payments in us-east-2 from 2 to 6 instances");
    }

    @Test
    void backupAndRestoreRestoresInsteadOfPromoting() throws Exception {
        Runbook runbook = RunbookPlanner.failover(Examples.load("backup-restore"), "eu-west-1", "eu-central-1");
        assertThat(runbook.steps()).extracting(Step::kind).startsWith(StepKind.RESTORE_BACKUP, StepKind.SCALE_UP)
                .doesNotContain(StepKind.PROMOTE_REPLICA);
        assertThat(runbook.steps().get(0).expected()).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void activeActiveOnlyWithdrawsTheRegion() throws Exception {
        Runbook runbook = RunbookPlanner.failover(Examples.load("active-active"), "eu-west-1", "us-east-1");
        assertThat(runbook.steps()).extracting(Step::kind).containsExactly(StepKind.WITHDRAW_REGION, StepKind.VERIFY_DNS);
    }

    @Test
    void failbackSwitchesOverThenScalesTheStandbyDown() throws Exception {
        Runbook runbook = RunbookPlanner.failback(Examples.load("pilot-light"), "us-west-2", "us-east-1");
        assertThat(runbook.steps()).extracting(Step::kind).first().isEqualTo(StepKind.SWITCHOVER_STORE);
        assertThat(runbook.steps()).extracting(Step::kind).last().isEqualTo(StepKind.SCALE_DOWN);
        assertThat(runbook.steps().get(runbook.steps().size() - 1).params()).containsEntry("instances", "0");
    }

    @Test
    void theDryRunTextShowsEachStepWithItsExpectedDuration() throws Exception {
        String text = RunbookText.render(RunbookPlanner.failover(Examples.load("pilot-light"), "us-east-1", "us-west-2"));
        assertThat(text).contains("Failover runbook (pilot-light): us-east-1 -> us-west-2")
                .containsPattern("3\\. scale api in us-west-2 from 0 to 4 instances +~3m")
                .contains("expected total:");
    }

    @Test
    void unknownRegionsAreRefusedWithTheKnownOnes() throws Exception {
        assertThatThrownBy(() -> RunbookPlanner.failover(Examples.load("pilot-light"), "us-east-1", "mars-1"))
                .hasMessageContaining("\"mars-1\" is not a region").hasMessageContaining("us-west-2");
    }
}
