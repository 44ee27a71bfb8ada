package io.pilotlight.orchestrator.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.sample.SampleMain;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessProviderTest {

    @Test
    void scalesTheSampleServiceFromZeroAndBackAndARestartedProviderFindsItsInstances(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String listen = "127.0.0.1:" + port;
        InstanceLauncher launcher = (service, region, index) -> {
            ProcessBuilder builder = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), SampleMain.class.getName()));
            builder.environment().put("REGION", region);
            builder.environment().put("LISTEN", listen);
            return builder;
        };
        HttpClient http = HttpClient.newHttpClient();
        LocalProcessProvider provider = new LocalProcessProvider(launcher, dir);
        assertThat(provider.scale("api", "west", 2)).isEqualTo("api in west: 0 -> 2 instances");
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://" + listen + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).body().equals("ok region=west\n"));

        LocalProcessProvider restarted = new LocalProcessProvider(launcher, dir); // a controller restart
        assertThat(restarted.running("api", "west")).isEqualTo(2);
        assertThat(restarted.scale("api", "west", 2)).contains("already runs 2 instances");
        assertThat(restarted.scale("api", "west", 0)).isEqualTo("api in west: 2 -> 0 instances");
        assertThat(provider.running("api", "west")).isZero();
        restarted.close();
        provider.close();
    }
}
