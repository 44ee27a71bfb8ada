package io.pilotlight.drill.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.planner.drills.DrillVerdict;
import io.pilotlight.topology.DrillScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillHistoryTest {
    private static final Instant AT = Instant.parse("2026-11-28T05:00:00.123Z");

    private static DrillRecord met(String drill) {
        return new DrillRecord(AT, "shop", drill, DrillScenario.REGION_OUTAGE, "us-east-1", DrillVerdict.MET, 12.5, 0, 0.0, "/r/1");
    }

    @Test
    void appendedRecordsReadBackInOrder(@TempDir Path dir) throws Exception {
        DrillHistory history = new DrillHistory(dir.resolve("drills/history.jsonl"));
        DrillRecord error = DrillRecord.error(AT.plusSeconds(60), "shop", null, DrillScenario.PARTITION, "eu-west-1");
        history.append(met("monthly"));
        history.append(error);
        assertThat(history.read().records()).containsExactly(met("monthly"), error);
        assertThat(history.read().warnings()).isEmpty();
    }

    @Property(tries = 300)
    void everyRecordSurvivesTheRoundTripThroughALine(@ForAll("records") DrillRecord record) {
        assertThat(DrillRecordJson.fromLine(DrillRecordJson.toLine(record))).isEqualTo(record);
    }

    @Provide
    Arbitrary<DrillRecord> records() {
        Arbitrary<String> names = Arbitraries.strings().ofMinLength(1).ofMaxLength(20);
        Arbitrary<Instant> instants = Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
        Arbitrary<Double> seconds = Arbitraries.integers().between(0, 1_000_000).map(ms -> ms / 1000.0).injectNull(0.2);
        return Combinators.combine(instants, names, names.injectNull(0.3), Arbitraries.of(DrillScenario.class), names.injectNull(0.2),
                        Arbitraries.of(DrillVerdict.class), seconds, Arbitraries.integers().between(0, 100_000).injectNull(0.2))
                .as((at, topology, drill, scenario, target, verdict, rto, lost) ->
                        new DrillRecord(at, topology, drill, scenario, target, verdict, rto, lost, rto, drill));
    }

    @Test
    void aCorruptLineIsSkippedWithAWarningNamingFileAndLineAndTheRestIsKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.jsonl");
        DrillHistory history = new DrillHistory(file);
        history.append(met("a"));
        Files.writeString(file, "{\"at\": \"yesterday\", \"topology\": \"shop\"\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(file, "{\"at\":\"2026-11-28T05:00:00Z\",\"topology\":\"shop\",\"scenario\":\"region-outage\",\"verdict\":\"passed\"}\n",
                java.nio.file.StandardOpenOption.APPEND);
        history.append(met("b"));
        DrillHistory.Contents contents = history.read();
        assertThat(contents.records()).extracting(DrillRecord::drill).containsExactly("a", "b");
        assertThat(contents.warnings()).containsExactly(
                "warning: " + file + " line 2 skipped: not JSON: " + contents.warnings().get(0).split("not JSON: ")[1],
                "warning: " + file + " line 3 skipped: field \"verdict\": \"passed\" is not allowed; expected met, missed, error or interrupted");
    }

    @Test
    void aLineCutShortByADyingWriterDoesNotSwallowTheNextRecord(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.jsonl");
        Files.writeString(file, DrillRecordJson.toLine(met("a")) + "\n{\"at\":\"2026-11-");
        DrillHistory history = new DrillHistory(file);
        history.append(met("b"));
        assertThat(history.read().records()).extracting(DrillRecord::drill).containsExactly("a", "b");
        assertThat(history.read().warnings()).singleElement().asString().contains("line 2 skipped");
    }

    @Test
    void aMissingFileIsAnEmptyHistory(@TempDir Path dir) {
        DrillHistory.Contents contents = new DrillHistory(dir.resolve("none.jsonl")).read();
        assertThat(contents.records()).isEmpty();
        assertThat(contents.warnings()).isEmpty();
    }

    @Test
    void theOldFormatWithoutMeasurementsStillReads() {
        DrillRecord old = DrillRecordJson.fromLine("{\"at\":\"2026-11-01T10:00:00Z\",\"topology\":\"shop\",\"scenario\":\"region-outage\","
                + "\"verdict\":\"met\",\"report\":\".pilotlight/drills/x\"}");
        assertThat(old.drill()).isNull();
        assertThat(old.rtoSeconds()).isNull();
        assertThat(old.report()).isEqualTo(".pilotlight/drills/x");
    }

    @Test
    void badFieldsAreNamedWithTheirValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> DrillRecordJson.fromLine("{\"topology\":\"shop\"}")).hasMessage("field \"at\" is missing");
        assertThatThrownBy(() -> DrillRecordJson.fromLine("[1]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> DrillRecordJson.fromLine("{\"at\":\"2026-11-01T10:00:00Z\",\"topology\":\"shop\",\"scenario\":\"flood\",\"verdict\":\"met\"}"))
                .hasMessage("field \"scenario\": \"flood\" is not allowed; expected one of region-outage, partition, gray-failure, switchover");
        assertThatThrownBy(() -> DrillRecordJson.fromLine("{\"at\":\"2026-11-01T10:00:00Z\",\"topology\":\"shop\",\"scenario\":\"partition\","
                + "\"verdict\":\"met\",\"lost_writes\":-3}")).hasMessage("field \"lost_writes\": -3 is not a whole number ≥ 0");
        assertThatThrownBy(() -> DrillRecordJson.fromLine("{\"at\":\"last week\",\"topology\":\"shop\"}"))
                .hasMessageContaining("field \"at\": \"last week\" is not an ISO-8601 instant");
    }

    @Test
    void anInterruptedOrFailedDrillKeepsItsReasonThroughTheHistoryAndTheTable(@TempDir Path dir) throws Exception {
        DrillHistory history = new DrillHistory(dir.resolve("history.jsonl"));
        DrillRecord interrupted = DrillRecord.unfinished(AT, "shop", null, DrillScenario.REGION_OUTAGE, "us-east-1",
                DrillVerdict.INTERRUPTED, "interrupted (Ctrl-C or SIGTERM) 12s after the fault was injected; nothing was measured");
        DrillRecord error = DrillRecord.unfinished(AT.plusSeconds(60), "shop", "daily", DrillScenario.REGION_OUTAGE, "us-east-1",
                DrillVerdict.ERROR, "the lab did not start: " + "x".repeat(200));
        history.append(interrupted);
        history.append(error);
        assertThat(history.read().records()).containsExactly(interrupted, error);
        assertThat(DrillRecordJson.toLine(interrupted)).contains("\"verdict\":\"interrupted\"").contains("\"reason\":\"interrupted (Ctrl-C");
        assertThat(DrillRecordJson.toLine(met("monthly"))).doesNotContain("reason");
        String table = HistoryTable.render(history.read().records());
        assertThat(table).contains("REPORT OR REASON").contains("interrupted  ").contains("12s after the fault was injected");
        assertThat(table.lines().toList().get(2)).endsWith("…").hasSizeLessThan(250);
        assertThatThrownBy(() -> DrillRecord.unfinished(AT, "shop", null, DrillScenario.REGION_OUTAGE, "e", DrillVerdict.MET, "why"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTableListsEveryColumnWithDashesForWhatWasNotMeasured() {
        String table = HistoryTable.render(List.of(met("monthly"), DrillRecord.error(AT, "shop", null, DrillScenario.SWITCHOVER, "us-east-1")));
        assertThat(table.lines().toList()).hasSize(3);
        assertThat(table).startsWith("WHEN").contains("LOST WRITES").contains("REPORT")
                .contains("monthly").contains("12.5s").contains("error");
        assertThat(table.lines().toList().get(2)).contains("switchover").contains(" - ");
    }
}
