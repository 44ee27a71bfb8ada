package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan reads the drill history's per-term measurements and shows the expected RTO beside the worst case. */
class PlanEstimatesFromDrillsTest {
    private static final String LINE = "{\"at\":\"2026-12-05T07:1%d:00Z\",\"topology\":\"shop-api-lab\",\"drill\":null,\"scenario\":\"region-outage\","
            + "\"target\":\"us-east-1\",\"verdict\":\"met\",\"rto_seconds\":%s,\"lost_writes\":1,\"data_loss_window_seconds\":0.0,"
            + "\"report\":null,\"terms\":{\"detection\":1.3,\"decision delay\":1.35,\"data promotion\":0.46,\"compute scale-up\":%s,"
            + "\"DNS TTL\":0.7,\"client DNS cache\":0.35}}\n";

    @Test
    void theExpectedRtoPerTermComesFromTheTopologysDrills(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history.jsonl");
        Files.writeString(history, LINE.formatted(1, "9.0", "2.5") + LINE.formatted(2, "8.0", "2.2") + LINE.formatted(3, "9.0", "3.6")
                + "{\"at\":\"2026-12-05T07:00:00Z\",\"topology\":\"shop-api-lab\",\"scenario\":\"region-outage\",\"verdict\":\"met\",\"rto_seconds\":7.0}\n");
        TerraformImportTest.Run plan = TerraformImportTest.run("plan", CliProcess.REPO_ROOT.resolve("examples/pilot-light-lab.yaml").toString(),
                "--history", history.toString());
        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).contains("Expected RTO from the last 4 region-outage drills")
                .containsPattern("compute scale-up\\s+10s\\s+2s500ms\\s+2s200ms-3s600ms\\s+2s500ms\\s+measured median of 3 drills")
                .containsPattern("total\\s+24s900ms"); // 20.8 s before the clients sustain term (4.1 s)
        assertThat(plan.out()).contains("[declared-differs-from-measured] your instance_ready_time says 10s; the last 3 drills measured 2s200ms-3s600ms");
        TerraformImportTest.Run json = TerraformImportTest.run("plan", CliProcess.REPO_ROOT.resolve("examples/pilot-light-lab.yaml").toString(),
                "--history", history.toString(), "--format", "json");
        var expected = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).path("rto").path("expected");
        assertThat(expected.path("drills").asInt()).isEqualTo(4);
        assertThat(expected.path("terms").get(3).path("measured").path("median_seconds").asDouble()).isEqualTo(2.5);
    }
}
