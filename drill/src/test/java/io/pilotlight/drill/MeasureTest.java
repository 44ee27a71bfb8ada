package io.pilotlight.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MeasureTest {
    private static final long FAULT = 1_000_000;

    /** Ten requests a second from the fault on; the first {@code downSeconds} seconds fail. */
    private static List<Request> traffic(int downSeconds, int seconds) {
        List<Request> requests = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            for (int i = 0; i < 10; i++) {
                requests.add(new Request(FAULT + s * 1000L + i * 100L, s >= downSeconds));
            }
        }
        return requests;
    }

    @Test
    void rtoEndsWithTheFirstSecondOfTheFirstSustainedWindow() {
        assertThat(RtoMeasure.measure(FAULT, traffic(7, 30))).hasValue(8_000);
        assertThat(RtoMeasure.firstSuccess(FAULT, traffic(7, 30))).hasValue(7_000);
    }

    @Test
    void aWindowWithMoreThanOnePercentFailuresDoesNotCount() {
        List<Request> flaky = new ArrayList<>(traffic(3, 30));
        flaky.add(new Request(FAULT + 5_050, false)); // 1 failure among ~100: still ≥ 99 %
        flaky.add(new Request(FAULT + 5_060, false)); // 2 among 102: below 99 %
        assertThat(RtoMeasure.measure(FAULT, flaky).getAsLong()).isGreaterThan(4_000);
    }

    @Test
    void noSustainedSuccessMeansNoRto() {
        assertThat(RtoMeasure.measure(FAULT, traffic(25, 30))).isEmpty();
    }

    @Property
    void rtoIsOneSecondAfterTheOutageForCleanTraffic(@ForAll @IntRange(min = 0, max = 40) int down) {
        assertThat(RtoMeasure.measure(FAULT, traffic(down, down + 10))).hasValue((down + 1) * 1000L);
    }

    @Test
    void rpoCountsTheAcknowledgedWritesThatAreMissingAndTheirWindow() {
        List<AckedWrite> acked = List.of(new AckedWrite("a", "1", FAULT - 5_000), new AckedWrite("b", "2", FAULT - 300),
                new AckedWrite("c", "3", FAULT - 100));
        RpoMeasure rpo = RpoMeasure.of(FAULT, acked, Map.of("a", "1", "c", "old"));
        assertThat(rpo.lost()).extracting(AckedWrite::key).containsExactly("b", "c");
        assertThat(rpo.dataLossWindowMillis()).isEqualTo(300);
        assertThat(RpoMeasure.of(FAULT, acked, Map.of("a", "1", "b", "2", "c", "3")).dataLossWindowMillis()).isZero();
    }

    @Test
    void writesLostAfterTheFaultWidenTheWindowToTheirAcknowledgement() {
        // the default partition drill read "104 of 798 lost, window 0s": all acknowledged after the fault by the cut-off writer
        List<AckedWrite> acked = List.of(new AckedWrite("a", "1", FAULT - 1_000), new AckedWrite("b", "2", FAULT + 200),
                new AckedWrite("c", "3", FAULT + 1_700));
        RpoMeasure rpo = RpoMeasure.of(FAULT, acked, Map.of("a", "1"));
        assertThat(rpo.lost()).extracting(AckedWrite::key).containsExactly("b", "c");
        assertThat(rpo.dataLossWindowMillis()).isEqualTo(1_500);
    }

    @Test
    void anyLostAcknowledgedWriteFailsAnRpoOfZero() {
        // "RPO: 76 of 685 acknowledged writes lost, data-loss window 0s, objective 0s  PASS"
        AckedWrite lost = new AckedWrite("b", "2", FAULT);
        DrillReport report = new DrillReport("t.yaml", "partition", "east", FAULT, 60_000, 60_000, 5_000, 0, 685, List.of(lost), 0,
                List.of(), List.of(), List.of(), List.of(), null);
        assertThat(report.dataLossWindowMillis()).isZero();
        assertThat(report.rpoMet()).isFalse();
        DrillReport nothingLost = new DrillReport("t.yaml", "partition", "east", FAULT, 60_000, 60_000, 5_000, 0, 685, List.of(), 0,
                List.of(), List.of(), List.of(), List.of(), null);
        assertThat(nothingLost.rpoMet()).isTrue();
    }

    @Test
    void aGrayFailureWhereClientsKeptPartlySucceedingHasNoFirstSuccess() {
        // gray failure printed "first client success" at 0.1 s, before detection at 1.6 s
        List<Request> gray = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            gray.add(new Request(FAULT + i * 50L, i % 2 == 0));
        }
        assertThat(RtoMeasure.firstSuccess(FAULT, gray)).isEmpty();
    }
}
