package io.pilotlight.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Short JSON reads of the lab's parts (DNS admin API, store nodes) while a drill watches them. */
final class LabHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    /** GET with a 1 s deadline; the body as JSON. */
    JsonNode json(String url) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** GET with the given deadline. */
    HttpResponse<String> get(String url, Duration timeout) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode parse(String body) throws Exception {
        return JSON.readTree(body);
    }
}
