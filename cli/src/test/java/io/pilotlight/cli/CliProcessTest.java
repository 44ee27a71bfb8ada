package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a separate process: output, JSON and exit codes (0 ok, 1 objective missed, 2 bad input). */
class CliProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void planFromObjectivesRecommendsBackupAndRestoreForTheSeedExample() throws Exception {
        CliProcess.Result result = CliProcess.run("plan", "--rto", "4h", "--rpo", "15m");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Recommended: backup-restore").contains("pilot-light").contains("active-active");
    }

    @Test
    void planFromObjectivesAsJson() throws Exception {
        CliProcess.Result result = CliProcess.run("plan", "--rto", "5m", "--rpo", "10s", "--format", "json");
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.get("recommended_pattern").asText()).isEqualTo("warm-standby");
        assertThat(json.get("patterns")).hasSize(4);
    }

    @Test
    void planWithADriverGivesItsCheaperAnswer() throws Exception {
        CliProcess.Result result = CliProcess.run("plan", "--rto", "1h", "--rpo", "5m", "--driver", "az-outage");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Recommended: multi-az");
    }

    @Test
    void planOfTheMainExamplePassesWithExitZero() throws Exception {
        CliProcess.Result result = CliProcess.run("plan", "examples/pilot-light.yaml", "--format", "json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.get("rto").get("result").asText()).isEqualTo("PASS");
        assertThat(json.get("rto").get("terms").get(0).get("name").asText()).isEqualTo("detection");
    }

    @Test
    void planExitsOneWhenTheObjectivesAreMissed() throws Exception {
        CliProcess.Result result = CliProcess.run("plan", "examples/pilot-light.yaml", "--rto", "4m");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("FAIL").contains("rto-missed").contains("Verdict: objectives NOT met (exit 1)");
    }

    @Test
    void planAsMarkdown() throws Exception {
        CliProcess.Result result = CliProcess.run("plan", "examples/warm-standby.yaml", "--format", "markdown");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("| Term | Estimate | Basis |");
    }

    @Test
    void badDurationIsBadInput() throws Exception {
        CliProcess.Result result = CliProcess.run("plan", "--rto", "4 hours", "--rpo", "15m");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--rto").contains("500ms, 90s, 15m, 4h");
    }

    @Test
    void misspeltDriverGetsASuggestion() throws Exception {
        CliProcess.Result result = CliProcess.run("plan", "--rto", "4h", "--rpo", "15m", "--driver", "az-outtage");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("(did you mean \"az-outage\"?)");
    }

    @Test
    void planWithoutFileOrObjectivesIsBadInput() throws Exception {
        CliProcess.Result result = CliProcess.run("plan");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("give a topology FILE, or both --rto and --rpo");
    }

    @Test
    void validateAcceptsTheExamples() throws Exception {
        CliProcess.Result result = CliProcess.run("validate", "examples/backup-restore.yaml", "examples/pilot-light.yaml",
                "examples/warm-standby.yaml", "examples/active-active.yaml");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("examples/pilot-light.yaml: valid (2 regions");
    }

    @Test
    void validateReportsEveryProblemWithFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, """
                name: broken
                objectives: {rto: 15, rpo: 5m}
                regions:
                  east: {rol: primary}
                services:
                  api:
                    health_check: {type: HTTP, port: 80, failure_threshold: 0}
                    endpoints: {east: {address: 127.0.0.1}}
                """);
        CliProcess.Result result = CliProcess.run("validate", file.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains(file + ":2:19: objectives.rto: \"15\" is not allowed")
                .contains("a bare number needs a unit")
                .contains(file + ":4:10: regions.east.rol: unknown key \"rol\" (did you mean \"role\"?)")
                .contains(file + ":7:61: services.api.health_check.failure_threshold: \"0\" is out of range; expected an integer from 1 to 10")
                .contains("4 problems found");
    }

    @Test
    void validateAsJson(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "name: x\nobjectives: {rto: 1h, rpo: 5m}\nregions: {east: {role: primary}}\nbogus: 1\n");
        CliProcess.Result result = CliProcess.run("validate", "--format", "json", file.toString());
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("problems").get(0).get("line").asInt()).isEqualTo(4);
        assertThat(json.get("problems").get(0).get("path").asText()).isEqualTo("bogus");
    }

    @Test
    void missingFileIsBadInput() throws Exception {
        CliProcess.Result result = CliProcess.run("plan", "examples/nope.yaml");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("examples/nope.yaml").contains("no such file");
    }

    @Test
    void schemaCommandPrintsTheShippedSchema() throws Exception {
        CliProcess.Result result = CliProcess.run("schema");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(Files.readString(CliProcess.REPO_ROOT.resolve("schema/topology.schema.json")));
    }

    @Test
    void schemaMarkdownIsTheShippedReference() throws Exception {
        CliProcess.Result result = CliProcess.run("schema", "--format", "markdown");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).as("regenerate with: bin/pilotlight schema --format markdown > docs/topology-reference.md")
                .isEqualTo(Files.readString(CliProcess.REPO_ROOT.resolve("docs/topology-reference.md")));
    }

    @Test
    void helpIsEverywhere() throws Exception {
        for (String command : new String[] {"plan", "validate", "schema"}) {
            CliProcess.Result result = CliProcess.run(command, "--help");
            assertThat(result.exitCode()).as(command).isZero();
            assertThat(result.out()).as(command).contains("Usage: pilotlight " + command);
        }
        assertThat(CliProcess.run("--help").out()).contains("Exit codes: 0 ok, 1 objective missed or check failed, 2 bad input.");
    }
}
