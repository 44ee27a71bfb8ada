package io.pilotlight.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.http.auth.ClientToken;
import io.pilotlight.http.tls.ClientTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The client side of the one HTTP stack: JSON requests to Pilotlight's own APIs over
 * {@code java.net.http}, with a connect timeout and a per-request deadline. Two failures are told
 * apart by type: no answer at all ({@link HttpUnreachableException}) and an answer whose status is
 * not 2xx ({@link HttpStatusException}, from {@link HttpAnswer#requireOk()}). Every request carries
 * {@code Authorization: Bearer $PILOTLIGHT_TOKEN} when there is one ({@link ClientToken}), and an
 * {@code https://} URI is spoken with the process's client TLS ({@link ClientTls}). Thread-safe; keep one
 * per peer or per component (it holds a connection pool).
 */
public final class JsonHttp {
    private final Duration connectTimeout;
    private final ObjectMapper mapper;
    private final Duration timeout;
    /** Built with the process's client TLS ({@link ClientTls}), again if that changes (a server that starts with its own files). */
    private volatile HttpClient client;
    private volatile SSLContext builtWith;

    /** {@code timeout} bounds each whole request unless a call gives its own; request bodies are written with {@code mapper}. */
    public JsonHttp(Duration connectTimeout, Duration timeout, ObjectMapper mapper) {
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.mapper = mapper;
    }

    public JsonHttp(Duration connectTimeout, Duration timeout) {
        this(connectTimeout, timeout, new ObjectMapper());
    }

    public HttpAnswer get(URI uri) throws IOException, InterruptedException {
        return send("GET", uri, null, timeout);
    }

    public HttpAnswer get(URI uri, Duration deadline) throws IOException, InterruptedException {
        return send("GET", uri, null, deadline);
    }

    /** POSTs {@code body} as JSON (null: an empty body). */
    public HttpAnswer post(URI uri, Object body) throws IOException, InterruptedException {
        return send("POST", uri, body, timeout);
    }

    /** PUTs {@code body} as JSON (null: an empty body). */
    public HttpAnswer put(URI uri, Object body) throws IOException, InterruptedException {
        return send("PUT", uri, body, timeout);
    }

    /**
     * Sends one request and returns the answer whatever its status.
     *
     * @throws HttpUnreachableException when no answer came: refused, timed out, or the connection broke
     */
    public HttpAnswer send(String method, URI uri, Object body, Duration deadline) throws IOException, InterruptedException {
        HttpRequest.Builder request = ClientToken.sign(HttpRequest.newBuilder(uri).timeout(deadline));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
        }
        return exchange(method, uri, request, deadline);
    }

    /** Sends raw bytes as the body (a value the server stores as it is, not JSON); the answer whatever its status. */
    public HttpAnswer sendBytes(String method, URI uri, byte[] body, String contentType, Duration deadline)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = ClientToken.sign(HttpRequest.newBuilder(uri).timeout(deadline)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return exchange(method, uri, request, deadline);
    }

    private HttpClient client() {
        SSLContext tls = ClientTls.context();
        HttpClient current = client;
        if (current == null || builtWith != tls) {
            synchronized (this) {
                if (client == null || builtWith != tls) {
                    client = ClientTls.configure(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1), connectTimeout).build();
                    builtWith = tls;
                }
                current = client;
            }
        }
        return current;
    }

    private HttpAnswer exchange(String method, URI uri, HttpRequest.Builder request, Duration deadline)
            throws IOException, InterruptedException {
        try {
            HttpResponse<byte[]> response = client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new HttpAnswer(uri, response.statusCode(), response.body());
        } catch (IOException noAnswer) {
            throw new HttpUnreachableException(method, uri, deadline, noAnswer);
        }
    }
}
