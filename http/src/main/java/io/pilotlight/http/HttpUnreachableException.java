package io.pilotlight.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * No HTTP answer came: the connection was refused, the deadline passed, or the connection broke
 * before an answer. The next action is to check that the component runs and listens at {@link #uri()}.
 */
public final class HttpUnreachableException extends IOException {
    private final URI uri;
    private final boolean timedOut;

    HttpUnreachableException(String method, URI uri, Duration deadline, IOException cause) {
        super(message(method, uri, deadline, cause), cause);
        this.uri = uri;
        this.timedOut = cause instanceof HttpTimeoutException;
    }

    private static String message(String method, URI uri, Duration deadline, IOException cause) {
        String why = cause instanceof HttpTimeoutException ? "no answer within " + deadline.toMillis() + " ms"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "no answer to " + method + " " + uri + ": " + why;
    }

    public URI uri() {
        return uri;
    }

    /** Whether the deadline (or the connect timeout) passed, rather than the connection being refused or broken. */
    public boolean timedOut() {
        return timedOut;
    }
}
