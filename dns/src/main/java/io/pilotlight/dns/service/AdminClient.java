package io.pilotlight.dns.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Talks to a running server's admin API, for the CLI. */
public final class AdminClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI base;

    /** A status and its JSON body. */
    public record Reply(int status, JsonNode body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        public String pretty() {
            try {
                return AdminApi.JSON.writeValueAsString(body);
            } catch (IOException e) {
                return String.valueOf(body);
            }
        }
    }

    /** @param address {@code host:port} of the admin API */
    public AdminClient(String address) {
        this.base = URI.create("http://" + address);
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    public Reply post(String path, Map<String, ?> body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(AdminApi.JSON.writeValueAsBytes(body))).build());
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), AdminApi.JSON.readTree(response.body()));
        } catch (ConnectException e) {
            throw new IOException("no Pilotlight DNS server answers at " + base + " (is `pilotlight dns serve` running with --admin "
                    + base.getAuthority() + "?)", e);
        }
    }
}
