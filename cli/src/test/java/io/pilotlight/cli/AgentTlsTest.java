package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.http.tls.TestCa;
import io.pilotlight.http.tls.TlsFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents with their own certificates from a self-made CA (CN=agent.REGION): their store nodes replicate
 * over mutual TLS, a client without a certificate gets no answer, and a regional outage still fails over.
 */
class AgentTlsTest {

    @Test
    void agentsSpeakMutualTlsToEachOtherAndStillFailOver(@TempDir Path dir) throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), "pilotlight-test-ca");
        try (AgentProcesses agents = new AgentProcesses(dir, Duration.ofSeconds(1))) {
            for (String region : AgentProcesses.ADDRESSES.keySet()) {
                TlsFiles files = ca.issue("agent." + region, AgentProcesses.ADDRESSES.get(region));
                agents.environments.put(region, Map.of(TlsFiles.CERT_ENV, files.certificate().toString(),
                        TlsFiles.KEY_ENV, files.privateKey().toString(), TlsFiles.CA_ENV, files.trustedCa().toString()));
            }
            agents.explainFailures(() -> {
                agents.start("east");
                await().atMost(Duration.ofSeconds(30)).until(() -> agents.logged("east", "elected controller leader"));
                agents.start("west");
                agents.start("witness");
                assertThat(agents.logged("east", "https://127.0.31.1:" + agents.storePort)).as("the store node serves TLS").isTrue();
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> agents.resolveAt("west").equals("127.0.31.1"));
                HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                for (String scheme : new String[] {"http", "https"}) {
                    URI status = URI.create(scheme + "://127.0.31.1:" + agents.storePort + "/status");
                    assertThat(answers(plain, status)).as("no certificate, no answer: " + status).isFalse();
                }

                agents.killRegion("east");
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> agents.logged("west", "failover to west completed"));
                assertThat(agents.resolveAt("west")).isEqualTo("127.0.32.1");
            });
        }
    }

    private static boolean answers(HttpClient client, URI uri) {
        try {
            client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return true;
        } catch (Exception refused) {
            return false;
        }
    }
}
