package io.pilotlight.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotlight.http.JsonHttp;
import java.net.URI;
import java.time.Duration;

/** Short JSON reads of the lab's DNS admin API (health and its events) while a drill watches them. */
final class LabHttp {
    private final JsonHttp http = new JsonHttp(Duration.ofMillis(500), Duration.ofSeconds(1));

    /** GET with a 1 s deadline; the body as JSON, whatever the status. */
    JsonNode json(String url) throws Exception {
        return http.get(URI.create(url)).json();
    }
}
