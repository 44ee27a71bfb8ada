package io.pilotlight.http.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.http.HttpFront;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's certificate for HTTPS services: made once by keytool, served, and trusted by the drill's clients (and nobody else's). */
class LabCertificateTest {

    @Test
    void madeOnceNamingTheLabsAddressesServedAndTrustedByItsClients(@TempDir Path dir) throws Exception {
        Path file = LabCertificate.ensure(dir.resolve("tls/lab-services.p12"), List.of("127.0.0.1", "127.0.1.1"), List.of("portal.billing.example"));
        byte[] first = Files.readAllBytes(file);
        assertThat(LabCertificate.ensure(file, List.of("127.0.9.9"), List.of())).isEqualTo(file);
        assertThat(Files.readAllBytes(file)).as("made once: a lab keeps its certificate").isEqualTo(first);

        X509Certificate pem = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(LabCertificate.pem(file)));
        assertThat(pem.getSubjectX500Principal().getName()).isEqualTo("CN=pilotlight-lab");
        assertThat(pem.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList())
                .contains("127.0.0.1", "127.0.1.1", "portal.billing.example", "localhost");

        try (HttpFront server = HttpFront.builder().name("lab-tls").threads(1).tls(LabCertificate.serverTls(file))
                .route("/", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8)))
                .listen(new InetSocketAddress("127.0.0.1", 0))) {
            URI url = URI.create("https://127.0.0.1:" + server.address().getPort() + "/healthz");
            HttpClient trusting = HttpClient.newBuilder().sslContext(LabCertificate.clientContext(file)).build();
            assertThat(trusting.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok");
            HttpClient stranger = HttpClient.newHttpClient();
            assertThatThrownBy(() -> stranger.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("the JDK's CAs do not know it").isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
    }
}
