package io.pilotlight.http;

import java.io.IOException;
import java.net.URI;

/** An HTTP answer came, with a status that is not 2xx: the body (usually the server's JSON error) says why. */
public final class HttpStatusException extends IOException {
    private final URI uri;
    private final int status;
    private final String body;

    public HttpStatusException(URI uri, int status, String body) {
        super(uri + " answered " + status + ": " + body);
        this.uri = uri;
        this.status = status;
        this.body = body;
    }

    public URI uri() {
        return uri;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
