package io.pilotlight.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Fork detection compares a log with the writer's history entry by entry (epoch at each index),
 * never only the epoch of the last entry: the case 1, where the returning nodes' logs ended
 * in an epoch the new writer's history did not contain and nothing was rolled back.
 */
class LogForkTest {

    @Test
    void aLogEndingInAnEpochTheWriterNeverHadForksWhereThatEpochBegan() {
        // west followed central (epoch 2 from index 101 to 350); east (epoch 1 up to 600) became writer at epoch 3
        List<Long> west = epochs(new long[] {1, 100}, new long[] {2, 250});
        EpochHistory east = EpochHistory.parse("1:1,3:601");
        assertThat(LogFork.firstDivergent(i -> west.get((int) i - 1), west.size(), east)).isEqualTo(101);
    }

    @Test
    void aPrefixOfTheWritersLogDoesNotFork() {
        List<Long> replica = epochs(new long[] {1, 100}, new long[] {2, 20});
        assertThat(LogFork.firstDivergent(i -> replica.get((int) i - 1), replica.size(), EpochHistory.parse("1:1,2:101,4:300"))).isEqualTo(-1);
    }

    @Test
    void entriesPastTheWritersLogOfAnOlderEpochFork() {
        List<Long> oldWriter = epochs(new long[] {1, 500});
        assertThat(LogFork.firstDivergent(i -> oldWriter.get((int) i - 1), oldWriter.size(), EpochHistory.parse("1:1,2:301"))).isEqualTo(301);
    }

    @Test
    void promotionDropsInheritedStartsPastTheNewWritersLog() {
        // west inherited central's history (epoch 2 from 101) but had received nothing of epoch 2
        EpochHistory inherited = EpochHistory.parse("1:1,2:101");
        assertThat(inherited.with(3, 81).format()).isEqualTo("1:1,3:81");
        assertThat(inherited.with(3, 81).epochAt(90)).isEqualTo(3);
        assertThat(inherited.with(3, 81).epochAt(80)).isEqualTo(1);
    }

    /**
     * Random runs of writers: each new writer of a higher epoch takes some node's log, maybe cut
     * back, and appends; any node's log against any writer's history forks exactly where a linear
     * scan finds the first differing epoch.
     */
    @Property(tries = 300)
    void theForkIsTheFirstIndexWhoseEpochDiffers(@ForAll long seed, @ForAll @IntRange(min = 2, max = 8) int epochs) {
        Random random = new Random(seed);
        List<List<Long>> logs = new ArrayList<>();
        List<EpochHistory> histories = new ArrayList<>();
        logs.add(new ArrayList<>());
        histories.add(EpochHistory.parse(""));
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int base = random.nextInt(logs.size());
            List<Long> log = new ArrayList<>(logs.get(base));
            int keep = log.isEmpty() ? 0 : random.nextInt(log.size() + 1);
            log = new ArrayList<>(log.subList(0, keep));
            EpochHistory history = histories.get(base).with(epoch, keep + 1);
            int appended = random.nextInt(20);
            for (int i = 0; i < appended; i++) {
                log.add((long) epoch);
            }
            logs.add(log);
            histories.add(history);
        }
        for (int node = 0; node < logs.size(); node++) {
            for (int writer = 0; writer < logs.size(); writer++) {
                List<Long> mine = logs.get(node);
                List<Long> theirs = logs.get(writer);
                EpochHistory history = histories.get(writer);
                for (int i = 0; i < theirs.size(); i++) {
                    assertThat(history.epochAt(i + 1)).as("history describes the writer's own log").isEqualTo(theirs.get(i));
                }
                long expected = -1;
                for (int i = 0; i < mine.size(); i++) {
                    if (i >= theirs.size() || !mine.get(i).equals(theirs.get(i))) {
                        expected = i + 1;
                        break;
                    }
                }
                if (expected == -1 && mine.size() <= theirs.size() || expected > 0) {
                    long found = LogFork.firstDivergent(i -> mine.get((int) i - 1), mine.size(), history);
                    boolean newerThanWriter = !mine.isEmpty() && mine.getLast() > history.lastEpoch();
                    if (!newerThanWriter) { // a node never reconciles with an older writer
                        assertThat(found).as("node %d against writer %d", node, writer).isEqualTo(expected);
                    }
                }
            }
        }
    }

    private static List<Long> epochs(long[]... runs) {
        List<Long> out = new ArrayList<>();
        for (long[] run : runs) {
            for (int i = 0; i < run[1]; i++) {
                out.add(run[0]);
            }
        }
        return out;
    }
}
