package io.pilotlight.store.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.store.log.LogEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the store says when bytes on its disk are damaged: a StoreIoException naming the data directory and the part. */
class DamagedStoreTest {

    /** A damaged entry on disk names the directory and the entry when the ledger is read. */
    @Test
    void aDamagedLedgerNamesItsDirectoryAndEntry() throws Exception {
        Path dir = Files.createTempDirectory("ledger-fuzz");
        try {
            try (RocksStore store = new RocksStore(dir)) {
                store.append(List.of(new LogEntry(1, 1, 5, "k", "v".getBytes(StandardCharsets.UTF_8))), true);
                store.truncate(1, Map.of(), List.of(new LostWrite("k", "v", 1, 1, 5, 10, 2)));
                assertThat(store.ledger()).hasSize(1);
            }
            DamagedDisk.overwrite(dir, "ledger", "{\"key\":\"k\"}".getBytes(StandardCharsets.UTF_8));
            try (RocksStore store = new RocksStore(dir)) {
                assertThatThrownBy(store::ledger).isInstanceOf(StoreIoException.class)
                        .hasMessageContaining("the lost-writes ledger in " + dir + " is damaged: entry \"")
                        .hasMessageContaining("is not a lost write");
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A log entry damaged on disk names the store's directory when it is read (it was an UncheckedIOException naming nothing). */
    @Test
    void aDamagedLogEntryNamesTheDirectory() throws Exception {
        Path dir = Files.createTempDirectory("log-damage");
        try {
            try (RocksStore store = new RocksStore(dir)) {
                store.append(List.of(new LogEntry(1, 1, 5, "k", "v".getBytes(StandardCharsets.UTF_8))), true);
            }
            DamagedDisk.overwrite(dir, "log", new byte[] {1, 2, 3});
            try (RocksStore store = new RocksStore(dir)) {
                assertThatThrownBy(() -> store.entry(1)).isInstanceOf(StoreIoException.class)
                        .hasMessageStartingWith("the log in " + dir + " is damaged: corrupt log entry");
                assertThatThrownBy(() -> store.get("k")).isInstanceOf(StoreIoException.class).hasMessageContaining(dir.toString());
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

}
