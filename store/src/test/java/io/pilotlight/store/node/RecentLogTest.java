package io.pilotlight.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The in-memory tail of the log answers exactly what the log holds, or says it does not know. */
class RecentLogTest {

    private static byte[] entry(long index, int size) {
        byte[] bytes = new byte[size];
        bytes[0] = (byte) index;
        return bytes;
    }

    @Property(tries = 300)
    void answersLikeTheWholeLogOrNotAtAll(@ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 30) Integer> batches,
                                           @ForAll @IntRange(min = 1, max = 64) int capacity,
                                           @ForAll @IntRange(min = 0, max = 200) int from,
                                           @ForAll @IntRange(min = 1, max = 50) int max) {
        RecentLog recent = new RecentLog(capacity, 10_000, 1);
        List<byte[]> log = new ArrayList<>(); // index i + 1 at position i
        for (int size : batches) {
            List<byte[]> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                batch.add(entry(log.size() + batch.size() + 1, 1 + (i % 7)));
            }
            recent.appended(log.size() + 1, batch);
            log.addAll(batch);
        }
        List<byte[]> answer = recent.since(from, max);
        if (answer != null) {
            assertThat(from).isBetween(1, log.size());
            assertThat(answer).containsExactlyElementsOf(log.subList(from - 1, Math.min(log.size(), from - 1 + max)));
        }
        if (from >= 1 && from <= log.size() && from > log.size() - capacity) {
            assertThat(answer).as("the newest %d entries are held", capacity).isNotNull();
        }
    }

    @Test
    void aRollbackForgetsTheRewrittenTail() {
        RecentLog recent = new RecentLog(16, 10_000, 1);
        recent.appended(1, List.of(entry(1, 1), entry(2, 1), entry(3, 1)));
        recent.clear(2);
        assertThat(recent.since(1, 10)).isNull();
        assertThat(recent.since(2, 10)).isNull();
        byte[] replacement = entry(2, 3);
        recent.appended(2, List.of(replacement));
        assertThat(recent.since(2, 10)).containsExactly(replacement);
    }

    @Test
    void staysWithinItsByteBound() {
        RecentLog recent = new RecentLog(1_000, 100, 1);
        for (long i = 1; i <= 50; i++) {
            recent.appended(i, List.of(entry(i, 10)));
        }
        assertThat(recent.since(41, 100)).as("the newest 100 bytes: entries 41 to 50").hasSize(10);
        assertThat(recent.since(40, 100)).isNull();
    }

    @Test
    void aGapStartsAfresh() {
        RecentLog recent = new RecentLog(16, 10_000, 1);
        recent.appended(1, List.of(entry(1, 1)));
        recent.appended(5, List.of(entry(5, 1)));
        assertThat(recent.since(1, 10)).isNull();
        assertThat(recent.since(5, 10)).hasSize(1);
    }
}
