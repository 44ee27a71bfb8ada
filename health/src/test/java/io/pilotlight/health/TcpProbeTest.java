package io.pilotlight.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpProbeTest {
    private final ProbeHarness harness = new ProbeHarness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void anOpenPortIsHealthy() throws IOException {
        try (RawServer open = RawServer.hanging()) {
            ProbeResult result = harness.probe(Checks.tcp(open.port()));
            assertThat(result.healthy()).isTrue();
            assertThat(result.httpStatus()).isEqualTo(ProbeResult.NO_STATUS);
            assertThat(result.describe()).startsWith("connected after ");
        }
    }

    @Test
    void aClosedPortIsUnhealthyWithConnectionRefused() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        ProbeResult result = harness.probe(Checks.tcp(port));
        assertThat(result.healthy()).isFalse();
        assertThat(result.error()).isEqualTo("connection refused");
    }

    @Test
    void aTcpCheckSendsNothing() throws IOException {
        try (TestHttpServer http = new TestHttpServer()) {
            assertThat(harness.probe(Checks.tcp(http.port())).healthy()).isTrue();
            assertThat(http.seen).isEmpty();
        }
    }
}
