package io.pilotlight.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sample service as a real process: it serves on LISTEN and exits once the supervisor named by PILOTLIGHT_PARENT_PID is gone. */
class SampleMainProcessTest {

    @Test
    void servesAndExitsWithItsSupervisor() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process supervisor = new ProcessBuilder("sleep", "60").start();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), SampleMain.class.getName()))
                .redirectErrorStream(true);
        builder.environment().put("REGION", "east");
        builder.environment().put("LISTEN", "127.0.0.1:" + port);
        builder.environment().put("PILOTLIGHT_PARENT_PID", String.valueOf(supervisor.pid()));
        builder.environment().remove("STORE_NODES");
        Process sample = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(sample.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("sample-service east serving on http://127.0.0.1:" + port);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("ok region=east\n");
            supervisor.destroy();
            assertThat(sample.waitFor(10, TimeUnit.SECONDS)).as("the instance exits with its supervisor").isTrue();
            assertThat(sample.exitValue()).isZero();
        } finally {
            supervisor.destroyForcibly();
            sample.destroyForcibly();
        }
    }
}
