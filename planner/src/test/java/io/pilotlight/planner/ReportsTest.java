package io.pilotlight.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.planner.report.JsonReport;
import io.pilotlight.planner.report.MarkdownReport;
import io.pilotlight.planner.report.TextReport;
import io.pilotlight.topology.Driver;
import io.pilotlight.topology.Durations;
import io.pilotlight.topology.Objectives;
import org.junit.jupiter.api.Test;

class ReportsTest {
    private final Plan pilotLight = Fixtures.plan(Fixtures.example("pilot-light"));

    @Test
    void jsonCarriesTheFieldsScriptsRelyOn() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(pilotLight));
        assertThat(json.get("recommended_pattern").asText()).isEqualTo("pilot-light");
        assertThat(json.get("patterns")).hasSize(4);
        assertThat(json.get("patterns").get(0).get("name").asText()).isEqualTo("backup-restore");
        assertThat(json.get("patterns").get(0).get("fits").asBoolean()).isFalse();
        assertThat(json.get("patterns").get(0).get("reason").asText()).contains("too slow");
        assertThat(json.get("rto").get("objective_seconds").asDouble()).isEqualTo(1800.0);
        assertThat(json.get("rto").get("estimate_seconds").asDouble()).isEqualTo(459.1); // 455 s before the clients sustain term (2s timeout + 100ms retry + 2s, assumed)
        assertThat(json.get("rto").get("terms")).hasSize(8);
        assertThat(json.get("rto").get("terms").get(0).get("name").asText()).isEqualTo("detection");
        assertThat(json.get("rto").get("terms").get(0).get("seconds").asDouble()).isEqualTo(32.0);
        assertThat(json.get("rpo").get("objective_seconds").asDouble()).isEqualTo(300.0);
        assertThat(json.get("rpo").get("estimate_seconds").asDouble()).isEqualTo(120.0);
        assertThat(json.get("rpo").get("stores").get(0).get("result").asText()).isEqualTo("PASS");
        assertThat(json.get("findings").isArray()).isTrue();
        assertThat(json.get("exit_code").asInt()).isZero();
    }

    @Test
    void jsonFindingsHaveSeverityMessageAndPath() throws Exception {
        Plan plan = Fixtures.plan(Fixtures.pilotLightWith("pattern: pilot-light", "pattern: active-active"));
        JsonNode finding = new ObjectMapper().readTree(JsonReport.render(plan)).get("findings").get(0);
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("message").asText()).contains("split-brain");
        assertThat(finding.get("path").asText()).isEqualTo("data_stores.orders.kind");
    }

    @Test
    void jsonWithoutTopologyHasObjectivesButNoEstimate() throws Exception {
        Plan plan = Planner.forObjectives(new Objectives(Durations.parse("4h"), Durations.parse("15m"), Driver.REGIONAL_OUTAGE));
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(plan));
        assertThat(json.get("recommended_pattern").asText()).isEqualTo("backup-restore");
        assertThat(json.get("rto").get("objective_seconds").asDouble()).isEqualTo(14400.0);
        assertThat(json.get("rto").get("estimate_seconds").isNull()).isTrue();
    }

    @Test
    void textShowsAlignedTablesAndAVerdict() {
        String text = TextReport.render(pilotLight);
        assertThat(text).contains("Recommended: pilot-light")
                .containsPattern("detection +32s +api-us-east-1")
                .containsPattern("total +7m39s100ms +objective 30m +PASS")
                .containsPattern("orders +global-database +embedded +1s +PASS")
                .contains("Verdict: objectives met (exit 0)");
        String[] lines = text.split("\n");
        int header = java.util.Arrays.asList(lines).indexOf("  TERM              ESTIMATE    BASIS"); // as wide as the total, 7m39s100ms
        assertThat(header).as("RTO table header aligned").isPositive();
    }

    @Test
    void markdownHasTables() {
        String markdown = MarkdownReport.render(pilotLight);
        assertThat(markdown).contains("| Pattern | RTO class |").contains("| detection | 32s |").contains("**Verdict: objectives met**");
    }
}
