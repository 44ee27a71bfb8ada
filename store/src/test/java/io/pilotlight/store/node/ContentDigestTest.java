package io.pilotlight.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.store.ContentDigest;
import io.pilotlight.store.log.LogEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content digest: the same log in any batches gives the same digest; one different value shows in its range only. */
class ContentDigestTest {

    private static List<LogEntry> log(int count, String changedKey, String changedValue) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String key = "k" + (i % 40);
            String value = key.equals(changedKey) && i > count - 40 ? changedValue : "v" + i;
            entries.add(new LogEntry(i, 1 + i / 50, 1000 + i, key, i % 7 == 0 ? null : value.getBytes(StandardCharsets.UTF_8)));
        }
        return entries;
    }

    private static ContentDigest digestOf(Path dir, List<LogEntry> entries, int batch) {
        try (RocksStore store = new RocksStore(dir)) {
            for (int from = 0; from < entries.size(); from += batch) {
                store.append(entries.subList(from, Math.min(entries.size(), from + batch)), false);
            }
            return store.digest("r");
        }
    }

    @Test
    void theSameWritesInDifferentBatchesGiveTheSameDigest(@TempDir Path dir) {
        ContentDigest one = digestOf(dir.resolve("a"), log(200, null, null), 1);
        ContentDigest many = digestOf(dir.resolve("b"), log(200, null, null), 37);
        assertThat(one.ranges()).hasSize(16);
        assertThat(one.lastIndex()).isEqualTo(200);
        assertThat(one.differingFrom(many)).isEmpty();
        assertThat(one).isEqualTo(many);
        assertThat(one.keys()).as("deleted keys are not counted").isLessThan(40).isGreaterThan(20);
        assertThat(ContentDigest.fromJson(io.pilotlight.store.node.StoreHttpApi.JSON.valueToTree(one.toJson()))).isEqualTo(one);
    }

    @Test
    void oneDifferentValueShowsInItsRangeOnly(@TempDir Path dir) {
        List<LogEntry> base = log(200, null, null);
        String changed = base.get(base.size() - 1).key(); // written last, so the changed value is the live one
        ContentDigest same = digestOf(dir.resolve("a"), base, 10);
        ContentDigest other = digestOf(dir.resolve("b"), log(200, changed, "different"), 10);
        String range = Integer.toHexString(ContentDigest.rangeOf(changed.getBytes(StandardCharsets.UTF_8)));
        assertThat(same.differingFrom(other)).extracting(ContentDigest.Range::range).containsExactly(range);
        assertThat(same.lastIndex()).isEqualTo(other.lastIndex());
    }

    @Test
    void aDeleteAndAMissingKeyCountAlikeAndARolledBackWriteIsGone(@TempDir Path dir) {
        byte[] v = "v".getBytes(StandardCharsets.UTF_8);
        ContentDigest deleted;
        try (RocksStore store = new RocksStore(dir.resolve("a"))) {
            store.append(List.of(new LogEntry(1, 1, 1, "x", v), new LogEntry(2, 1, 2, "y", v), new LogEntry(3, 1, 3, "y", null)), true);
            deleted = store.digest("a");
        }
        ContentDigest never;
        try (RocksStore store = new RocksStore(dir.resolve("b"))) {
            store.append(List.of(new LogEntry(1, 1, 1, "x", v), new LogEntry(2, 1, 2, "z", v), new LogEntry(3, 1, 3, "z", null)), true);
            never = store.digest("b");
        }
        assertThat(deleted.differingFrom(never)).isEmpty();
        assertThat(deleted.keys()).isEqualTo(1);
        try (RocksStore store = new RocksStore(dir.resolve("c"))) {
            store.append(List.of(new LogEntry(1, 1, 1, "x", v), new LogEntry(2, 1, 2, "w", v)), true);
            store.truncate(2, java.util.Map.of("w", new LogEntry(0, 0, 0, "w", null)), List.of());
            assertThat(store.digest("c").differingFrom(deleted)).isEmpty();
        }
    }
}
