package io.pilotlight.drill.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.drill.history.DrillHistory;
import io.pilotlight.drill.history.DrillRecord;
import io.pilotlight.planner.drills.DrillVerdict;
import io.pilotlight.topology.DrillScenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** However a drill ends, its history gets exactly one line. */
class UnfinishedDrillTest {
    private static final Instant STARTED = Instant.parse("2026-12-05T07:00:00Z");

    @Test
    void aFailureAfterTheVerdictWasRecordedAddsNothing(@TempDir Path dir) throws Exception {
        DrillHistory history = new DrillHistory(dir.resolve("history.jsonl"));
        try (UnfinishedDrill drill = new UnfinishedDrill(history, STARTED, "shop", null, DrillScenario.REGION_OUTAGE, "east",
                () -> null, new PrintWriter(new StringWriter()), java.time.Clock.systemUTC())) {
            drill.finished(new DrillRecord(STARTED, "shop", null, DrillScenario.REGION_OUTAGE, "east", DrillVerdict.MET, 7.0, 0, 0.0, "/r"));
            drill.failed(new IllegalStateException("the lab stopped while the report was written"));
        }
        assertThat(history.read().records()).extracting(DrillRecord::verdict).containsExactly(DrillVerdict.MET);
    }

    @Test
    void aFailureIsRecordedOnceAsErrorWithItsReasonOnOneLineAtTheFaultInstant(@TempDir Path dir) throws Exception {
        DrillHistory history = new DrillHistory(dir.resolve("history.jsonl"));
        AtomicReference<Instant> t0 = new AtomicReference<>(STARTED.plusSeconds(20));
        StringWriter err = new StringWriter();
        try (UnfinishedDrill drill = new UnfinishedDrill(history, STARTED, "shop", "daily", DrillScenario.PARTITION, "east", t0::get,
                new PrintWriter(err), java.time.Clock.systemUTC())) {
            drill.failed(new IllegalStateException("no store node is the writer 30 s after the drill;\n  cannot read the writes back"));
            drill.failed(new IllegalStateException("a second failure"));
        }
        assertThat(history.read().records()).singleElement().satisfies(record -> {
            assertThat(record.verdict()).isEqualTo(DrillVerdict.ERROR);
            assertThat(record.at()).isEqualTo(STARTED.plusSeconds(20));
            assertThat(record.drill()).isEqualTo("daily");
            assertThat(record.reason()).isEqualTo("no store node is the writer 30 s after the drill; cannot read the writes back");
            assertThat(record.report()).isNull();
        });
        assertThat(err.toString()).contains("recorded verdict error in " + history.file());
    }
}
