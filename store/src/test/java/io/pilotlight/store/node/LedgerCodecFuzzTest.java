package io.pilotlight.store.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
