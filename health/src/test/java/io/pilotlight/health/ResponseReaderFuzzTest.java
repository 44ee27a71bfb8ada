package io.pilotlight.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The response reader faces the network: whatever arrives, it answers or fails with an IOException, never worse. */
class ResponseReaderFuzzTest {

    private static byte[] bodyPrefix(byte[] response) throws IOException {
        ResponseReader reader = new ResponseReader(new ByteArrayInputStream(response));
        ResponseHead head = reader.readHead();
        InputStream body = reader.body(head);
        return body.readNBytes(BodyPrefix.SEARCH_LIMIT);
    }

    @Property(tries = 2000)
    void randomBytesNeverCauseAnythingButAnIoException(@ForAll @Size(max = 300) byte[] noise, @ForAll boolean withStatusLine) {
        byte[] input = noise;
        if (withStatusLine) {
            byte[] prefix = "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1);
            input = new byte[prefix.length + noise.length];
            System.arraycopy(prefix, 0, input, 0, prefix.length);
            System.arraycopy(noise, 0, input, prefix.length, noise.length);
        }
        try {
            bodyPrefix(input);
        } catch (IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property
    void aChunkedBodyReadsBackTheSameWhateverTheChunkSizes(@ForAll @StringLength(max = 6000) String text,
                                                           @ForAll("chunkSizes") List<Integer> sizes) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        int at = 0;
        for (int i = 0; at < body.length; i++) {
            int n = Math.min(sizes.get(i % sizes.size()), body.length - at);
            wire.writeBytes((Integer.toHexString(n) + ";ext=1\r\n").getBytes(StandardCharsets.ISO_8859_1));
            wire.write(body, at, n);
            wire.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            at += n;
        }
        wire.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] expected = java.util.Arrays.copyOf(body, Math.min(body.length, BodyPrefix.SEARCH_LIMIT));
        assertThat(bodyPrefix(wire.toByteArray())).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 3000).list().ofMinSize(1).ofMaxSize(10);
    }

    @Property
    void theSearchIsABytewiseSubstringOfThePrefix(@ForAll @StringLength(max = 60) String body, @ForAll @StringLength(min = 1, max = 4) String needle,
                                                  @ForAll @IntRange(min = 0, max = 60) int limit) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        BodyPrefix prefix = BodyPrefix.read(new ByteArrayInputStream(bytes), limit);
        String seen = new String(bytes, 0, Math.min(limit, bytes.length), StandardCharsets.ISO_8859_1);
        String wanted = new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(prefix.contains(needle)).isEqualTo(seen.contains(wanted));
    }
}
