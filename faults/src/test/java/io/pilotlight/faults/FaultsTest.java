package io.pilotlight.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Faults are validated in one place, with messages naming the field, the value and the range. */
class FaultsTest {
    @Test
    void aNegativeLatencyIsRejectedWithFieldValueAndRange() {
        assertThatThrownBy(() -> LinkFaults.NONE.withLatency(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latency = -5 ms is out of range; allowed: 0 ms to 60000 ms");
    }

    @Test
    void jitterLargerThanTheLatencyIsRejected() {
        assertThatThrownBy(() -> LinkFaults.NONE.withLatency(Duration.ofMillis(10), Duration.ofMillis(15)))
                .hasMessageStartingWith("jitter = 15 ms is out of range; allowed: 0 ms to the latency (10 ms)");
    }

    @Test
    void aNegativeBandwidthIsRejected() {
        assertThatThrownBy(() -> LinkFaults.NONE.withBandwidth(-1))
                .hasMessage("bytesPerSecond = -1 is out of range; allowed: at least 0 (0 means no cap)");
    }

    @Test
    void aMissingPartitionIsRejected() {
        assertThatThrownBy(() -> LinkFaults.NONE.withPartition(null)).hasMessage("partition is required (was null)");
    }

    @Test
    void aResetProbabilityOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> Faults.none().withResetProbability(1.5))
                .hasMessage("resetProbability = 1.5 is out of range; allowed: 0.0 to 1.0");
        assertThatThrownBy(() -> Faults.none().withResetProbability(Double.NaN))
                .hasMessageStartingWith("resetProbability = NaN is out of range");
    }

    @Test
    void anInvalidChangeOfOneDirectionNamesTheDirection() {
        assertThatThrownBy(() -> Faults.none().with(Direction.DOWNSTREAM, link -> link.withLatency(Duration.ofMinutes(2))))
                .hasMessage("downstream.latency = 120000 ms is out of range; allowed: 0 ms to 60000 ms");
    }

    @Test
    void helpersChangeOnlyWhatTheySay() {
        Faults faults = Faults.none().withLatency(Duration.ofMillis(20), Duration.ofMillis(5)).withBandwidth(1000)
                .partitioned(Direction.UPSTREAM, Partition.DROP);
        assertThat(faults.upstream()).isEqualTo(new LinkFaults(Duration.ofMillis(20), Duration.ofMillis(5), 1000, Partition.DROP));
        assertThat(faults.downstream()).isEqualTo(new LinkFaults(Duration.ofMillis(20), Duration.ofMillis(5), 1000, Partition.NONE));
        assertThat(faults.healed().upstream().partition()).isEqualTo(Partition.NONE);
        assertThat(faults.healed().upstream().latency()).isEqualTo(Duration.ofMillis(20));
        assertThat(faults.describe()).isEqualTo("upstream 20 ms ± 5 ms, 1000 B/s, partition DROP; downstream 20 ms ± 5 ms, 1000 B/s");
        assertThat(Faults.none().describe()).isEqualTo("no faults");
    }

    @Property
    void everyLatencyUpToAMinuteWithJitterUpToItIsAccepted(@ForAll @LongRange(min = 0, max = 60_000) long latencyMs,
                                                         @ForAll @DoubleRange(min = 0, max = 1) double jitterShare,
                                                         @ForAll @LongRange(min = 0) long bytesPerSecond) {
        Duration latency = Duration.ofMillis(latencyMs);
        Duration jitter = Duration.ofNanos((long) (latency.toNanos() * jitterShare));
        LinkFaults link = new LinkFaults(latency, jitter, bytesPerSecond, Partition.HOLD);
        assertThat(link.latency()).isEqualTo(latency);
    }

    @Property
    void everyProbabilityOutsideZeroToOneIsRejected(@ForAll double probability) {
        boolean valid = probability >= 0 && probability <= 1;
        if (valid) {
            assertThat(Faults.none().withResetProbability(probability).resetProbability()).isEqualTo(probability);
        } else {
            assertThatThrownBy(() -> Faults.none().withResetProbability(probability)).hasMessageContaining("resetProbability");
        }
    }
}
