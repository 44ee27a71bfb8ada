package io.pilotlight.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseReaderTest {

    private static byte[] bodyPrefix(byte[] response) throws IOException {
        ResponseReader reader = new ResponseReader(new ByteArrayInputStream(response));
        return reader.body(reader.readHead()).readNBytes(BodyPrefix.SEARCH_LIMIT);
    }

    @Test
    void interimResponsesAreSkippedAndHeadersFolded() throws IOException {
        String wire = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nVia: a\r\nvia: b\r\n\r\n";
        ResponseHead head = new ResponseReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1))).readHead();
        assertThat(head.status()).isEqualTo(204);
        assertThat(head.headers()).containsEntry("via", "a, b");
    }

    @Test
    void anEndlessLineIsRefused() {
        byte[] wire = ("HTTP/1.1 200 " + "x".repeat(10_000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new ResponseReader(new ByteArrayInputStream(wire)).readHead())
                .isInstanceOf(MalformedResponseException.class).hasMessage("response line longer than 8192 bytes");
    }

    @Test
    void aBadContentLengthIsNamed() {
        byte[] wire = "HTTP/1.1 200 OK\r\nContent-Length: lots\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> bodyPrefix(wire)).hasMessage("bad Content-Length \"lots\"");
    }
}
