package io.pilotlight.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** One answer to a {@link JsonHttp} request: where it came from, its status and its body. */
public record HttpAnswer(URI uri, int status, byte[] body) {
    private static final ObjectMapper TREES = new ObjectMapper();

    public boolean ok() {
        return status / 100 == 2;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as a JSON tree (a missing node when empty); a body that is not JSON is an {@link IOException}. */
    public JsonNode json() throws IOException {
        return TREES.readTree(body);
    }

    /** The body as JSON when the status is 2xx; otherwise an {@link HttpStatusException} with the status and the body. */
    public JsonNode requireOk() throws IOException {
        if (!ok()) {
            throw new HttpStatusException(uri, status, text());
        }
        return json();
    }
}
