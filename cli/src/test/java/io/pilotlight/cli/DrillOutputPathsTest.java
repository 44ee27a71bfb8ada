package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drill takes minutes: a report directory or a history it cannot write is bad input before the lab
 * starts (exit 2, naming the option and the path), not an error after the whole drill.
 */
class DrillOutputPathsTest {
    private static final String LAB_EXAMPLE = CliProcess.REPO_ROOT.resolve("examples/pilot-light-lab.yaml").toString();

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "active-active.yaml | a primary region"})
    void anExampleTheLabCannotRunFailsAtOnceNamingWhatIsMissing(String example, String missing, @TempDir Path dir) throws Exception {
        CliProcess.Result result = InProcessCli.run("drill", "run", CliProcess.REPO_ROOT.resolve("examples/" + example).toString(),
                "--state-dir", dir.resolve("lab").toString(), "--history", dir.resolve("history.jsonl").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("the lab cannot drill").contains(missing);
        assertThat(dir.resolve("lab")).as("no lab was started").doesNotExist();
    }

    @Test
    void aReportDirThatIsAFileIsRefusedBeforeTheLabStarts(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        CliProcess.Result result = InProcessCli.run("drill", "run", LAB_EXAMPLE, "--report-dir", file.toString(),
                "--state-dir", dir.resolve("lab").toString(), "--history", dir.resolve("history.jsonl").toString(), "--format", "json");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--report-dir " + file + " is a file, not a directory");
        assertThat(result.out()).as("nothing on stdout").isEmpty();
        assertThat(dir.resolve("lab")).as("no lab was started").doesNotExist();
    }

    @Test
    void aReportDirThatCannotBeCreatedIsRefused(@TempDir Path dir) throws Exception {
        Path under = Files.writeString(dir.resolve("file"), "x").resolve("reports");
        CliProcess.Result result = InProcessCli.run("drill", "run", LAB_EXAMPLE, "--report-dir", under.toString(),
                "--state-dir", dir.resolve("lab").toString(), "--history", dir.resolve("history.jsonl").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--report-dir " + under + " cannot be written");
        assertThat(dir.resolve("lab")).doesNotExist();
    }

    @Test
    void aHistoryThatIsADirectoryIsRefused(@TempDir Path dir) throws Exception {
        Path history = Files.createDirectories(dir.resolve("history"));
        CliProcess.Result result = InProcessCli.run("drill", "run", LAB_EXAMPLE, "--report-dir", dir.resolve("report").toString(),
                "--state-dir", dir.resolve("lab").toString(), "--history", history.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--history " + history + " is a directory");
        assertThat(dir.resolve("lab")).doesNotExist();
    }
}
