package io.pilotlight.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.health.TestHttpServer.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP probes against a real com.sun.net.httpserver endpoint on 127.0.0.1. */
class HttpProbeTest {
    private final TestHttpServer server = new TestHttpServer();
    private final ProbeHarness harness = new ProbeHarness();

    @AfterEach
    void stop() {
        server.close();
        harness.close();
    }

    @Test
    void status200IsHealthy() {
        ProbeResult result = harness.probe(Checks.http(server.port()));
        assertThat(result.healthy()).isTrue();
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.error()).isNull();
        assertThat(result.latency()).isPositive();
    }

    @Test
    void status503IsUnhealthyWithTheStatusAsEvidence() {
        server.answer(Reply.of(503));
        ProbeResult result = harness.probe(Checks.http(server.port()));
        assertThat(result.healthy()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(result.error()).isEqualTo("HTTP 503");
    }

    @Test
    void aRedirectIsHealthyAndIsNotFollowed() {
        server.answer(Reply.of(302));
        ProbeResult result = harness.probe(Checks.http(server.port()));
        assertThat(result.healthy()).isTrue();
        assertThat(result.httpStatus()).isEqualTo(302);
        assertThat(server.seen).hasSize(1);
    }

    @Test
    void status404IsUnhealthy() {
        server.answer(Reply.of(404));
        assertThat(harness.probe(Checks.http(server.port())).error()).isEqualTo("HTTP 404");
    }

    @Test
    void theRequestCarriesThePathAndTheFqdnAsHostWhileConnectingToTheIpAddress() {
        harness.probe(Checks.http(server.port()).fqdn("api.test").path("/healthz"));
        assertThat(server.seen).singleElement().satisfies(seen -> {
            assertThat(seen.path()).isEqualTo("/healthz");
            assertThat(seen.host()).isEqualTo("api.test:" + server.port());
        });
    }

    @Test
    void withoutAnFqdnTheHostIsTheIpAddress() {
        harness.probe(Checks.http(server.port()));
        assertThat(server.seen.get(0).host()).isEqualTo("127.0.0.1:" + server.port());
    }

    @Test
    void anFqdnWithoutIpAddressIsResolved() {
        ProbeResult result = harness.probe(Checks.http(server.port()).ip(null).fqdn("localhost"));
        assertThat(result.healthy()).isTrue();
    }

    @Test
    void anFqdnThatDoesNotResolveIsUnhealthyInPlainWords() {
        ProbeResult result = harness.probe(Checks.http(server.port()).ip(null).fqdn("no-such-host.invalid"));
        assertThat(result.error()).isEqualTo("cannot resolve no-such-host.invalid");
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        ProbeResult result = harness.probe(Checks.http(port));
        assertThat(result.healthy()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(ProbeResult.NO_STATUS);
        assertThat(result.error()).isEqualTo("connection refused");
    }

    @Test
    void eachCheckerConnectsFromItsOwnSourceAddress() {
        ProbeResult result = harness.probe(Checks.http(server.port()).build(), VantagePoint.bound("eu", "127.0.1.1"));
        assertThat(result.healthy()).isTrue();
        assertThat(server.seen.get(0).from().getHostAddress()).isEqualTo("127.0.1.1");
    }

    @Test
    void somethingThatIsNotHttpIsUnhealthyAndQuoted() throws IOException {
        try (RawServer ssh = RawServer.answering("SSH-2.0-OpenSSH_9.2\r\n")) {
            ProbeResult result = harness.probe(Checks.http(ssh.port()));
            assertThat(result.error()).isEqualTo("not an HTTP response: \"SSH-2.0-OpenSSH_9.2\"");
        }
    }
}
