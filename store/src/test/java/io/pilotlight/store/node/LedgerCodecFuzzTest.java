package io.pilotlight.store.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.pilotlight.store.log.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The lost-writes ledger is read back from disk (and from backups): a lost write round-trips
 * exactly, and bytes that are not one (damaged, truncated, a field missing or mistyped) are
 * refused with a message, never read as a lost write with defaults (key null, index 0).
 */
class LedgerCodecFuzzTest {

    @Property(tries = 500)
    void aLostWriteEncodedThenDecodedIsTheSame(@ForAll("lostWrites") LostWrite write) {
        assertThat(LedgerCodec.decode(LedgerCodec.encode(write))).isEqualTo(write);
    }

    @Property(tries = 1000)
    void arbitraryBytesAreALostWriteOrARefusal(@ForAll @Size(max = 200) byte[] noise) {
        check(noise);
    }

    @Property(tries = 500)
    void aDamagedEntryIsTheSameLostWriteOrARefusal(@ForAll("lostWrites") LostWrite write, @ForAll @IntRange(min = 0) int at,
                                                   @ForAll @IntRange(min = 0, max = 2) int damage, @ForAll byte replacement) {
        byte[] bytes = LedgerCodec.encode(write);
        int i = at % bytes.length;
        byte[] damaged = switch (damage) {
            case 0 -> java.util.Arrays.copyOf(bytes, i); // truncated
            case 1 -> { bytes[i] = replacement; yield bytes; } // one byte replaced
            default -> { bytes[i] ^= (byte) (1 << (at % 8)); yield bytes; } // one bit flipped
        };
        LostWrite read = check(damaged);
        if (read != null && damage == 0) {
            fail("a truncated entry was read as " + read);
        }
    }

    private static LostWrite check(byte[] bytes) {
        try {
            LostWrite read = LedgerCodec.decode(bytes);
            assertThat(read.key()).isNotNull();
            assertThat(LedgerCodec.decode(LedgerCodec.encode(read))).isEqualTo(read);
            return read;
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).startsWith("not a lost write (" + bytes.length + " bytes)");
            return null;
        } catch (RuntimeException other) {
            fail("decoding " + bytes.length + " bytes threw " + other, other);
            return null;
        }
    }

    // ---- found inputs, kept fixed --------------------------------------------------------------------

    /** Found: a field missing, null, or of another type was defaulted or coerced ({} read as a lost write of key null at index 0). */
    @Example
    void incompleteOrMistypedEntriesAreRefused() {
        String whole = "{\"key\":\"k\",\"value\":\"v\",\"index\":7,\"epoch\":1,\"ackTime\":2,\"rolledBackAt\":3,\"newEpoch\":2}";
        assertThat(LedgerCodec.decode(whole.getBytes(StandardCharsets.UTF_8))).isEqualTo(new LostWrite("k", "v", 7, 1, 2, 3, 2));
        for (String bad : List.of("{}", "null", "{\"key\":\"k\",\"value\":\"v\",\"epoch\":1,\"ackTime\":2,\"rolledBackAt\":3,\"newEpoch\":2}",
                whole.replace("\"index\":7", "\"index\":null"), whole.replace("\"index\":7", "\"index\":\"7\""),
                whole.replace("\"index\":7", "\"index\":7.5"), whole.replace("\"key\":\"k\"", "\"key\":5"), whole + "{}",
                whole.replace("\"key\":\"k\"", "\"key\":null"))) {
            assertThatThrownBy(() -> LedgerCodec.decode(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a lost write");
        }
    }

    /** A damaged entry on disk names the directory and the entry when the ledger is read. */
    @Example
    void aDamagedLedgerNamesItsDirectoryAndEntry() throws Exception {
        Path dir = Files.createTempDirectory("ledger-fuzz");
        try {
            try (RocksStore store = new RocksStore(dir)) {
                store.append(List.of(new LogEntry(1, 1, 5, "k", "v".getBytes(StandardCharsets.UTF_8))), true);
                store.truncate(1, Map.of(), List.of(new LostWrite("k", "v", 1, 1, 5, 10, 2)));
                assertThat(store.ledger()).hasSize(1);
            }
            damageLedger(dir, "{\"key\":\"k\"}".getBytes(StandardCharsets.UTF_8));
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

    /** Overwrites every ledger entry with {@code bytes}, on the database directly (as a damaged disk would). */
    private static void damageLedger(Path dir, byte[] bytes) throws Exception {
        List<ColumnFamilyDescriptor> families = new ArrayList<>();
        for (String name : List.of("default", "data", "log", "ledger")) {
            families.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, dir.toString(), families, handles)) {
            try (RocksIterator it = db.newIterator(handles.get(3))) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    db.put(handles.get(3), it.key(), bytes);
                }
            }
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    @Provide
    Arbitrary<LostWrite> lostWrites() {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(Arbitraries.integers().between(0, 0x7F),
                Arbitraries.integers().between(0x80, 0x10FFFF).filter(c -> c < 0xD800 || c > 0xDFFF));
        Arbitrary<String> text = codePoint.list().ofMaxSize(30)
                .map(points -> points.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        Arbitrary<String> value = Arbitraries.frequencyOf(Tuple.of(4, text), Tuple.of(1, Arbitraries.just(null)));
        return Combinators.combine(text, value, Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(),
                Arbitraries.longs()).as(LostWrite::new);
    }
}
