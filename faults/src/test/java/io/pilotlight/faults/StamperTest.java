package io.pilotlight.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Due times: within latency ± jitter of arrival, never out of order, reproducible from the seed. */
class StamperTest {
    @Property
    void everyChunkIsDueWithinLatencyPlusOrMinusJitterAndInOrder(@ForAll long seed,
                                                                @ForAll @IntRange(max = 200) int latencyMs,
                                                                @ForAll @IntRange(max = 100) int jitterPercent,
                                                                @ForAll @Size(min = 1, max = 50) List<@LongRange(max = 5_000_000) Long> gaps) {
        Duration latency = Duration.ofMillis(latencyMs);
        Duration jitter = latency.multipliedBy(jitterPercent).dividedBy(100);
        LinkFaults faults = LinkFaults.NONE.withLatency(latency, jitter);
        Stamper stamper = new Stamper(new SplittableRandom(seed));
        long arrival = -1_000_000_000L;
        long previousDue = Long.MIN_VALUE;
        for (long gap : gaps) {
            arrival += gap;
            long due = stamper.due(arrival, faults);
            assertThat(due - arrival).isBetween(latency.minus(jitter).toNanos(), latency.plus(jitter).toNanos());
            assertThat(due).isGreaterThanOrEqualTo(previousDue);
            previousDue = due;
        }
    }

    @Property
    void theSameSeedGivesTheSameDueTimes(@ForAll long seed) {
        LinkFaults faults = LinkFaults.NONE.withLatency(Duration.ofMillis(50), Duration.ofMillis(50));
        assertThat(stamps(seed, faults)).isEqualTo(stamps(seed, faults));
    }

    private static List<Long> stamps(long seed, LinkFaults faults) {
        Stamper stamper = new Stamper(new SplittableRandom(seed));
        List<Long> stamps = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            stamps.add(stamper.due(i * 1_000_000L, faults));
        }
        return stamps;
    }
}
