package io.pilotlight.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.health.TestHttpServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** search_string must lie wholly inside the first 5,120 bytes of the body, however the body is framed. */
class SearchStringTest {
    private final TestHttpServer server = new TestHttpServer();
    private final ProbeHarness harness = new ProbeHarness();

    @AfterEach
    void stop() {
        server.close();
        harness.close();
    }

    private ProbeResult probeWithBody(String body, boolean chunked) {
        server.answer(new Reply(200, body, chunked));
        return harness.probe(Checks.http(server.port()).search("ok"));
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void foundNearTheStartIsHealthy(boolean chunked) {
        assertThat(probeWithBody("{\"status\":\"ok\"}", chunked).healthy()).isTrue();
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void endingExactlyAtByte5120IsFound(boolean chunked) {
        assertThat(probeWithBody("x".repeat(5118) + "ok" + "y".repeat(1000), chunked).healthy()).isTrue();
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void beyondByte5120IsNotFound(boolean chunked) {
        ProbeResult result = probeWithBody("x".repeat(5120) + "ok", chunked);
        assertThat(result.healthy()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.error()).isEqualTo("search string \"ok\" not found in the first 5120 bytes");
    }

    @Test
    void straddlingByte5120IsNotFound() {
        assertThat(probeWithBody("x".repeat(5119) + "ok", false).healthy()).isFalse();
    }

    @Test
    void absentFromAShortBodyIsUnhealthy() {
        assertThat(probeWithBody("{\"status\":\"degraded\"}", false).error())
                .isEqualTo("search string \"ok\" not found in the first 5120 bytes");
    }

    @Test
    void anErrorStatusIsUnhealthyWhateverTheBodySays() {
        server.answer(new Reply(500, "ok", false));
        assertThat(harness.probe(Checks.http(server.port()).search("ok")).error()).isEqualTo("HTTP 500");
    }
}
