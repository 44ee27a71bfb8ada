package io.pilotlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few HTTP calls the store commands make to nodes. */
final class StoreHttp {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status == 200;
        }
    }

    private StoreHttp() {
    }

    static Reply get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    /** A plain-text answer (such as /epochs). */
    static String text(String url) throws IOException, InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (ConnectException e) {
            throw new IOException("no store node answers at " + URI.create(url).getAuthority(), e);
        }
    }

    static Reply post(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static Reply send(HttpRequest request) throws IOException, InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), JSON.readTree(response.body()));
        } catch (ConnectException e) {
            throw new IOException("no store node answers at " + request.uri().getAuthority(), e);
        }
    }

    static String pretty(JsonNode node) throws IOException {
        return JSON.writeValueAsString(node);
    }
}
