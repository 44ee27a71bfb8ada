package io.pilotlight.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.http.JsonHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Short JSON reads of the lab's parts (DNS admin API, store nodes) while a drill watches them. */
final class LabHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    private final JsonHttp jsonHttp = new JsonHttp(CONNECT_TIMEOUT, Duration.ofSeconds(1));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /** GET with a 1 s deadline; the body as JSON, whatever the status. */
    JsonNode json(String url) throws Exception {
        return jsonHttp.get(URI.create(url)).json();
    }

    /** GET with the given deadline. */
    HttpResponse<String> get(String url, Duration timeout) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode parse(String body) throws Exception {
        return JSON.readTree(body);
    }
}
