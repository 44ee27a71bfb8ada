package io.pilotlight.http;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void resolvesTheFormsOfOneRange() {
        assertThat(ByteRange.resolve("bytes=0-11", 1024).contentRange()).isEqualTo("bytes 0-11/1024");
        assertThat(ByteRange.resolve("bytes=1000-", 1024).contentRange()).isEqualTo("bytes 1000-1023/1024");
        assertThat(ByteRange.resolve("bytes=-4", 1024).contentRange()).isEqualTo("bytes 1020-1023/1024");
        assertThat(ByteRange.resolve("bytes=10-5000", 1024).contentRange()).isEqualTo("bytes 10-1023/1024");
        assertThat(ByteRange.resolve("bytes=2000-", 1024).kind()).isEqualTo(ByteRange.Kind.UNSATISFIABLE);
        assertThat(ByteRange.resolve("bytes=2000-", 1024).contentRange()).isEqualTo("bytes */1024");
        assertThat(ByteRange.resolve("bytes=0-1", 0).kind()).isEqualTo(ByteRange.Kind.UNSATISFIABLE);
    }

    /** Regression (store fuzz): a signed number was parsed, so "bytes=--5" was a 416 and "bytes=+1-2" a part; RFC 9110 allows digits only. */
    @Test
    void aSignedRangeIsMalformedAndIgnored() {
        for (String header : new String[] {"bytes=--5", "bytes=+1-2", "bytes=-+3", "bytes=1-+4", "bytes=-"}) {
            assertThat(ByteRange.resolve(header, 100).kind()).as(header).isEqualTo(ByteRange.Kind.WHOLE);
        }
    }

    @Test
    void ignoresWhatItDoesNotServe() {
        for (String header : new String[] {null, "items=0-1", "bytes=5-1", "bytes=0-1,4-5", "bytes=a-b", "bytes=12"}) {
            assertThat(ByteRange.resolve(header, 100).kind()).as(String.valueOf(header)).isEqualTo(ByteRange.Kind.WHOLE);
        }
    }

    @Property
    void aPartIsAlwaysInsideTheBody(@ForAll @IntRange(min = -5, max = 300) int start, @ForAll @IntRange(min = -5, max = 300) int end,
                                    @ForAll @IntRange(min = 0, max = 200) int length) {
        ByteRange range = ByteRange.resolve("bytes=" + start + "-" + end, length);
        if (range.kind() == ByteRange.Kind.PART) {
            assertThat(range.start()).isBetween(0, length - 1);
            assertThat(range.endInclusive()).isBetween(range.start(), length - 1);
        }
    }
}
