package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotlight.store.ContentDigest;
import io.pilotlight.store.StoreClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

/**
 * {@code store status} compares nodes at the same log index by content: identical data is
 * reported as such; a replica whose data was changed behind the log's back (here, written directly
 * into its RocksDB while it was stopped) is reported as a divergence in the key range that holds the changed key.
 */
class StoreStatusDivergenceTest {

    @Test
    void statusReportsIdenticalContentThenADivergenceByKeyRange(@TempDir Path dir) throws Exception {
        try (StoreProcesses cluster = new StoreProcesses(dir, List.of("east", "west"), "2s")) {
            StoreClient client = new StoreClient(cluster.urls, "east");
            for (int i = 0; i < 20; i++) {
                client.put("k" + i, "v" + i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> "v19".equals(client.get("west", "k19").value()));
            CliProcess.Result same = CliProcess.run(args(cluster, "store", "status"));
            assertThat(same.exitCode()).as(same.out() + same.err()).isZero();
            assertThat(same.out()).contains("content: identical across 2 nodes at index 20").doesNotContain("DIVERGENCE");

            cluster.kill9("west");
            changeBehindTheLog(dir.resolve("west"), "k7", "not what east has", 8);
            cluster.start("west");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.get("west", "k7").value().equals("not what east has"));
            String range = Integer.toHexString(ContentDigest.rangeOf("k7".getBytes(StandardCharsets.UTF_8)));

            CliProcess.Result text = CliProcess.run(args(cluster, "store", "status"));
            assertThat(text.exitCode()).as("a divergence fails the check").isEqualTo(1);
            assertThat(text.out()).contains("DIVERGENCE: west differs from east in ranges [" + range + "] (20 keys vs 20 keys) at index 20");
            CliProcess.Result json = CliProcess.run(args(cluster, "store", "status", "--format", "json"));
            JsonNode divergence = JsonOutput.JSON.readTree(json.out()).path("divergence");
            assertThat(divergence).hasSize(1);
            assertThat(divergence.get(0).path("region").asText()).isEqualTo("west");
            assertThat(divergence.get(0).path("reference").asText()).isEqualTo("east");
            assertThat(divergence.get(0).path("ranges").get(0).asText()).isEqualTo(range);
        }
    }

    /** Rewrites a key's data entry in a stopped node's RocksDB in the older whole-value layout (version, epoch, time, value). */
    private static void changeBehindTheLog(Path data, String key, String value, long version) throws Exception {
        RocksDB.loadLibrary();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (ColumnFamilyOptions family = new ColumnFamilyOptions(); DBOptions options = new DBOptions();
             RocksDB db = RocksDB.open(options, data.toString(), List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, family),
                     new ColumnFamilyDescriptor(utf8("data"), family), new ColumnFamilyDescriptor(utf8("log"), family),
                     new ColumnFamilyDescriptor(utf8("ledger"), family)), handles)) {
            byte[] bytes = utf8(value);
            db.put(handles.get(1), utf8(key), ByteBuffer.allocate(24 + bytes.length).putLong(version).putLong(1).putLong(0).put(bytes).array());
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String[] args(StoreProcesses cluster, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(cluster.peerArgs());
        return all.toArray(String[]::new);
    }
}
