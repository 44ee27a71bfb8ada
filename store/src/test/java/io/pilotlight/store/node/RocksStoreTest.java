package io.pilotlight.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.store.log.LogEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

/** The data column family points into the log; values written in the older layout (whole value in the data) still read. */
class RocksStoreTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsScansDeletesAndRollbacksGoThroughTheLog(@TempDir Path dir) {
        try (RocksStore store = new RocksStore(dir)) {
            store.append(List.of(new LogEntry(1, 1, 100, "a", utf8("a1")), new LogEntry(2, 1, 101, "b", utf8("b1")),
                    new LogEntry(3, 1, 102, "a", utf8("a2")), new LogEntry(4, 1, 103, "b", null)), true);
            StoredValue a = store.get("a");
            assertThat(a.value()).isEqualTo(utf8("a2"));
            assertThat(a.version()).isEqualTo(3);
            assertThat(a.commitTime()).isEqualTo(102);
            assertThat(store.get("b")).isNull();
            assertThat(store.scan(null, null, 10)).extracting(Map.Entry::getKey).containsExactly("a");

            Map<String, LogEntry> restore = store.latestBefore(java.util.Set.of("a", "b", "never"), 3);
            assertThat(restore).containsKey("never").containsEntry("never", null);
            store.truncate(3, restore, List.of());
            assertThat(store.get("a").value()).isEqualTo(utf8("a1"));
            assertThat(store.get("b").value()).isEqualTo(utf8("b1"));
            assertThat(store.get("b").version()).isEqualTo(2);
            assertThat(store.lastIndex()).isEqualTo(2);
        }
    }

    @Test
    void valuesInTheOlderLayoutStillRead(@TempDir Path dir) throws Exception {
        try (RocksStore store = new RocksStore(dir)) {
            store.append(List.of(new LogEntry(1, 1, 100, "new", utf8("pointer"))), true);
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (ColumnFamilyOptions family = new ColumnFamilyOptions(); DBOptions options = new DBOptions();
             RocksDB db = RocksDB.open(options, dir.toString(), List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, family),
                     new ColumnFamilyDescriptor(utf8("data"), family), new ColumnFamilyDescriptor(utf8("log"), family),
                     new ColumnFamilyDescriptor(utf8("ledger"), family)), handles)) {
            byte[] legacy = ByteBuffer.allocate(24 + 3).putLong(7).putLong(1).putLong(99).put(utf8("old")).array();
            db.put(handles.get(1), utf8("old"), legacy);
            handles.forEach(ColumnFamilyHandle::close);
        }
        try (RocksStore store = new RocksStore(dir)) {
            StoredValue old = store.get("old");
            assertThat(old.value()).isEqualTo(utf8("old"));
            assertThat(old.version()).isEqualTo(7);
            assertThat(store.get("new").value()).isEqualTo(utf8("pointer"));
            assertThat(store.scan(null, null, 10)).extracting(Map.Entry::getKey).containsExactly("new", "old");
        }
    }
}
