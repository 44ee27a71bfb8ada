package io.pilotlight.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The token bucket with a fake clock. */
class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketLetsItsBurstGoAtOnceThenMakesTheCallerWait() {
        TokenBucket bucket = new TokenBucket(0.05);
        assertThat(bucket.reserve(50, 1000, 0)).isZero();
        assertThat(bucket.reserve(100, 1000, 0)).isEqualTo(SECOND / 10);
    }

    @Test
    void concurrentSendersQueueBehindEachOthersDebt() {
        TokenBucket bucket = new TokenBucket(0.0);
        bucket.reserve(1, 1000, 0);
        long first = bucket.reserve(1000, 1000, 0);
        long second = bucket.reserve(1000, 1000, 0);
        assertThat(second - first).isEqualTo(SECOND);
    }

    @Test
    void idleTimeRefillsNoMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(0.05);
        bucket.reserve(50, 1000, 0);
        assertThat(bucket.reserve(50, 1000, 100 * SECOND)).isZero();
        assertThat(bucket.reserve(1, 1000, 100 * SECOND)).isPositive();
    }

    @Property
    void sendingWhenToldKeepsTheAverageRateAtTheCap(@ForAll @LongRange(min = 1_000, max = 100_000_000) long rate,
                                                   @ForAll @IntRange(min = 1, max = 65_536) int chunk,
                                                   @ForAll @IntRange(min = 1, max = 500) int chunks) {
        TokenBucket bucket = new TokenBucket(0.05);
        long now = 0;
        for (int i = 0; i < chunks; i++) {
            now += bucket.reserve(chunk, rate, now);
        }
        // The last chunk goes once everything beyond the initial burst has been paid for at the rate.
        double burst = Math.max(1.0, rate * 0.05);
        double expectedSeconds = Math.max(0, ((double) chunks * chunk - burst) / rate);
        assertThat(now / 1e9).isCloseTo(expectedSeconds, within(1e-6));
    }
}
