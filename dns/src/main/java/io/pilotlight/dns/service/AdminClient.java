package io.pilotlight.dns.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotlight.http.HttpAnswer;
import io.pilotlight.http.HttpUnreachableException;
import io.pilotlight.http.JsonHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Talks to a running server's admin API, for the CLI. */
public final class AdminClient {
    private static final Duration READ_DEADLINE = Duration.ofSeconds(10);
    private static final Duration CHANGE_DEADLINE = Duration.ofSeconds(30);
    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(3), READ_DEADLINE, AdminApi.JSON);
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

    /** @param address {@code host:port} of the admin API (plain HTTP), or its {@code https://host:port} when it speaks TLS */
    public AdminClient(String address) {
        this.base = URI.create(address.startsWith("https://") || address.startsWith("http://") ? address : "http://" + address);
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, READ_DEADLINE);
    }

    public Reply post(String path, Map<String, ?> body) throws IOException, InterruptedException {
        return send("POST", path, body, CHANGE_DEADLINE);
    }

    private Reply send(String method, String path, Object body, Duration deadline) throws IOException, InterruptedException {
        try {
            HttpAnswer answer = http.send(method, base.resolve(path), body, deadline);
            return new Reply(answer.status(), answer.json());
        } catch (HttpUnreachableException e) {
            if (e.timedOut()) {
                throw e;
            }
            throw new IOException("no Pilotlight DNS server answers at " + base + " (is `pilotlight dns serve` running with --admin "
                    + base.getAuthority() + "?)", e);
        }
    }
}
