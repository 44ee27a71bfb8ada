package io.pilotlight.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS probes against a real TLS endpoint with a self-signed certificate made by keytool. */
class HttpsProbeTest {
    @TempDir
    static Path dir;
    private static SelfSignedCertificate certificate;
    private static TlsTestServer server;

    @BeforeAll
    static void start() throws Exception {
        certificate = SelfSignedCertificate.generate(dir);
        server = new TlsTestServer(certificate.serverContext());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static ProbeResult probe(Checks check, SSLContext trusted) {
        try (ProbeHarness harness = new ProbeHarness(trusted)) {
            return harness.probe(check.every(Duration.ofSeconds(10), 3, Duration.ofSeconds(3)));
        }
    }

    private static ProbeResult probe(Checks check) {
        return probe(check, DefaultTrust.context());
    }

    @Test
    void verificationIsOnByDefaultAndRejectsASelfSignedCertificate() {
        ProbeResult result = probe(Checks.https(server.port()).fqdn("api.test"));
        assertThat(result.healthy()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(ProbeResult.NO_STATUS);
        assertThat(result.error()).startsWith("certificate rejected: ").contains("certification path");
    }

    @Test
    void withVerificationOffAnyCertificateIsAccepted() {
        ProbeResult result = probe(Checks.https(server.port()).fqdn("wrong-name.test").unverified());
        assertThat(result.healthy()).isTrue();
        assertThat(result.httpStatus()).isEqualTo(200);
    }

    @Test
    void theServerSeesTheFqdnAsSni() {
        server.sniNames.clear();
        probe(Checks.https(server.port()).fqdn("api.test").unverified());
        assertThat(server.sniNames).containsExactly("api.test");
    }

    @Test
    void withoutAnFqdnNoSniIsSent() {
        server.sniNames.clear();
        assertThat(probe(Checks.https(server.port()).unverified()).healthy()).isTrue();
        assertThat(server.sniNames).isEmpty();
    }

    @Test
    void aTrustedCertificateForTheFqdnIsHealthy() throws Exception {
        ProbeResult result = probe(Checks.https(server.port()).fqdn("api.test"), certificate.trustingContext());
        assertThat(result.healthy()).isTrue();
        assertThat(result.error()).isNull();
    }

    @Test
    void aTrustedCertificateForAnotherNameIsRejected() throws Exception {
        ProbeResult result = probe(Checks.https(server.port()).fqdn("other.test"), certificate.trustingContext());
        assertThat(result.healthy()).isFalse();
        assertThat(result.error()).startsWith("certificate rejected: ").contains("other.test");
    }

    @Test
    void withoutAnFqdnTheCertificateMustNameTheIpAddress() throws Exception {
        assertThat(probe(Checks.https(server.port()), certificate.trustingContext()).healthy()).isTrue();
    }
}
