package io.pilotlight.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole probe (connect, TLS, reading) keeps to the check's timeout, whatever the endpoint does. */
class TimeoutTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private final ProbeHarness harness = new ProbeHarness();

    @AfterEach
    void stop() {
        harness.close();
    }

    private static Checks within(Checks check) {
        return check.every(Duration.ofSeconds(10), 3, TIMEOUT);
    }

    @Test
    void anEndpointThatAcceptsAndNeverAnswersTimesOutInAboutTheTimeout() throws IOException {
        try (RawServer hanging = RawServer.hanging()) {
            ProbeResult result = harness.probe(within(Checks.http(hanging.port())));
            assertThat(result.healthy()).isFalse();
            assertThat(result.error()).isEqualTo("timed out after 500ms");
            assertThat(result.latency()).isBetween(TIMEOUT.minusMillis(20), TIMEOUT.plusMillis(300));
        }
    }

    @Test
    void anEndpointThatDripsBytesCannotStretchTheProbe() throws IOException {
        try (RawServer dripping = RawServer.dripping(50)) {
            ProbeResult result = harness.probe(within(Checks.http(dripping.port())));
            assertThat(result.error()).isEqualTo("timed out after 500ms");
            assertThat(result.latency()).isLessThan(TIMEOUT.plusMillis(300));
        }
    }

    @Test
    void aTlsHandshakeThatNeverCompletesTimesOut() throws IOException {
        try (RawServer hanging = RawServer.hanging()) {
            ProbeResult result = harness.probe(within(Checks.https(hanging.port()).fqdn("api.test")));
            assertThat(result.error()).isEqualTo("timed out after 500ms");
            assertThat(result.latency()).isLessThan(TIMEOUT.plusMillis(300));
        }
    }

    @Test
    void aSearchStringBodyThatNeverEndsTimesOutButKeepsTheStatus() throws IOException {
        try (RawServer slowBody = RawServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nnot yet")) {
            ProbeResult result = harness.probe(within(Checks.http(slowBody.port()).search("ok")));
            assertThat(result.httpStatus()).isEqualTo(200);
            assertThat(result.error()).isEqualTo("timed out after 500ms");
        }
    }
}
