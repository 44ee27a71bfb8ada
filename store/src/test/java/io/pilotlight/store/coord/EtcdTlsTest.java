package io.pilotlight.store.coord;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.http.tls.ClientTls;
import io.pilotlight.http.tls.TestCa;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The etcd coordinator against a real etcd that speaks only TLS and requires client certificates
 * ({@code --client-cert-auth}), with a CA the test makes (openssl): with the agent's certificate the
 * lease is granted; without a certificate, or over plain HTTP, etcd is unreachable.
 */
class EtcdTlsTest {
    private static final Duration TTL = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofMillis(500);

    @AfterEach
    void plain() {
        ClientTls.use(null);
    }

    @Test
    void anAgentCertificateGetsTheLeaseFromAnEtcdThatOnlySpeaksTls(@TempDir Path dir) throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), "pilotlight-test");
        try (EtcdProcess etcd = EtcdProcess.startTls(dir.resolve("etcd"), ca.issue("etcd-member"))) {
            EtcdTarget target = etcd.target("/pilotlight/tls");
            assertThat(target.tls()).isTrue();
            assertThat(target.toString()).startsWith("etcds://127.0.0.1:");
            ClientTls.use(ca.issue("agent.east").load());
            try (EtcdCoordinator east = new EtcdCoordinator(target, Clock.systemUTC(), DEADLINE)) {
                assertThat(east.awaitReachable(Duration.ofSeconds(20))).isTrue();
                LeaseGrant grant = east.acquire("east", TTL, 0);
                assertThat(grant.granted()).isTrue();
                assertThat(grant.epoch()).isEqualTo(1);
                assertThat(east.renew("east", 1, TTL)).isTrue();
                assertThat(east.current().holder()).isEqualTo("east");
            }
            ClientTls.use(ca.trustOnly().load());
            try (EtcdCoordinator noCertificate = new EtcdCoordinator(target, Clock.systemUTC(), DEADLINE)) {
                assertThat(noCertificate.awaitReachable(Duration.ofSeconds(3))).as("etcd requires a client certificate").isFalse();
                assertThat(noCertificate.acquire("west", TTL, 0).granted()).isFalse();
            }
            EtcdTarget plain = EtcdTarget.parse(target.toString().replace("etcds://", "etcd://"));
            try (EtcdCoordinator overHttp = new EtcdCoordinator(plain, Clock.systemUTC(), DEADLINE)) {
                assertThat(overHttp.awaitReachable(Duration.ofSeconds(3))).as("plain HTTP to a TLS-only etcd").isFalse();
            }
        }
    }
}
