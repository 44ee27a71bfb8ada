package io.pilotlight.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict percent-decoding of paths and queries: nothing replaced, nothing merged, every refusal explained. */
class UriTextTest {
    private static String key(String raw) {
        return UriText.decodePath(raw, "key", "keys are UTF-8 strings");
    }

    @Test
    void aPlusInAPathIsAPlusAndInAQueryASpace() {
        assertThat(key("a+b%2Bc%20d")).isEqualTo("a+b+c d");
        assertThat(UriText.decodeQuery("a+b%2Bc", "query parameter \"to\"", "rule")).isEqualTo("a b+c");
    }

    @Test
    void rawUtf8BytesReadAsLatin1DecodeAsUtf8() {
        String sent = new String("ключ-é".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1); // as Netty reads the request line
        assertThat(key(sent)).isEqualTo("ключ-é");
        assertThat(key("%D0%BA%d0%bb")).isEqualTo("кл");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "a%", "%z", "%zz", "%1", "ab%g0", "%\uFF11\uFF12", "%-1"})
    void aPercentNotFollowedByTwoHexDigitsIsRefused(String raw) {
        assertThatThrownBy(() -> key(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key has a bad percent escape \"%")
                .hasMessageContaining("a % must be followed by two hex digits");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAtTheirOffsetNotReplaced() {
        assertThatThrownBy(() -> key("alias-%FF")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("key bytes are not valid UTF-8 at byte offset 6; keys are UTF-8 strings")
                .hasMessageContaining("alias-%FF");
        for (String raw : List.of("%C0%AF", "%ED%A0%80", "%E2%82", "%F4%90%80%80")) { // overlong, surrogate, cut short, above U+10FFFF
            assertThatThrownBy(() -> key(raw)).as(raw).hasMessageContaining("not valid UTF-8 at byte offset 0");
        }
        assertThat(key("%EF%BF%BD")).as("U+FFFD itself is a valid key").isEqualTo("\uFFFD");
    }

    @Test
    void aMessageQuotesALongInputOnlyInPart() {
        String raw = "%FF" + "a".repeat(10_000);
        assertThatThrownBy(() -> key(raw)).message().hasSizeLessThan(400).contains("(10003 characters)");
    }

    @Property
    void anyUtf8StringEncodedThenDecodedComesBackIdentical(@ForAll("unicode") String text) {
        assertThat(key(UriText.encode(text))).isEqualTo(text);
        assertThat(UriText.decodeQuery(UriText.encode(text), "q", "r")).isEqualTo(text);
    }

    /**
     * Decoding is one-to-one: whatever mix of escaped and raw bytes a client sends, the key is
     * exactly those bytes, or the request is refused when they are not UTF-8. So distinct byte
     * sequences can never decode to one key.
     */
    @Property
    void aKeyIsExactlyTheBytesSentOrIsRefused(@ForAll("mostlyUtf8") byte[] bytes, @ForAll long seed) {
        String sent = sometimesEscaped(bytes, new Random(seed));
        boolean valid = Arrays.equals(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), bytes);
        if (valid) {
            assertThat(key(sent).getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
        } else {
            assertThatThrownBy(() -> key(sent)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid UTF-8");
        }
    }

    @Property
    void distinctByteSequencesNeverDecodeToTheSameKey(@ForAll("mostlyUtf8") byte[] a, @ForAll("mostlyUtf8") byte[] b) {
        String first;
        String second;
        try {
            first = key(UriText.encodeBytes(a));
            second = key(UriText.encodeBytes(b));
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(first.equals(second)).isEqualTo(Arrays.equals(a, b));
    }

    /** Fuzz: any text at all decodes or is refused with a message, never another exception. */
    @Property
    void anyInputDecodesOrIsRefusedWithAMessage(@ForAll String raw) {
        for (boolean query : new boolean[] {false, true}) {
            try {
                String decoded = query ? UriText.decodeQuery(raw, "q", "r") : key(raw);
                assertThat(decoded).isNotNull();
            } catch (IllegalArgumentException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        }
    }

    @Provide
    Arbitrary<String> unicode() {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(Arbitraries.integers().between(0, 0x7F),
                Arbitraries.integers().between(0x80, 0x10FFFF).filter(c -> c < 0xD800 || c > 0xDFFF));
        return codePoint.list().ofMaxSize(30).map(points -> points.stream()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    }

    /** Valid UTF-8 from a small alphabet (so two draws are often equal), sometimes with a stray byte. */
    @Provide
    Arbitrary<byte[]> mostlyUtf8() {
        Arbitrary<byte[]> valid = Arbitraries.of("a", "+", "%", " ", "é", "ключ", "\uFFFD", "😀").list().ofMaxSize(4)
                .map(parts -> String.join("", parts).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> stray = Arbitraries.bytes().array(byte[].class).ofMaxSize(6);
        return Arbitraries.frequencyOf(Tuple.of(4, valid), Tuple.of(1, stray));
    }

    /** Each byte escaped (in upper or lower case hex) or sent raw (one character per byte, as Netty reads it); a '%' always escaped. */
    private static String sometimesEscaped(byte[] bytes, Random random) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            if (b == '%' || random.nextBoolean()) {
                out.append(String.format(random.nextBoolean() ? "%%%02x" : "%%%02X", b & 0xFF));
            } else {
                out.append((char) (b & 0xFF));
            }
        }
        return out.toString();
    }
}
