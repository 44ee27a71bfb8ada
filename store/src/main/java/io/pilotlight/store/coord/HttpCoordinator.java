package io.pilotlight.store.coord;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.store.StrictJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import io.pilotlight.http.auth.ClientToken;
import io.pilotlight.http.tls.ClientTls;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A coordinator in another process. Any failure to reach it counts against the caller: a writer
 * that cannot renew loses its lease, and nobody is granted one.
 */
public final class HttpCoordinator implements Coordinator {
    /**
     * Answers are read strictly: a field missing, null where a number belongs, or of another type
     * is an unreadable answer (the coordinator counts as unreachable), never a default: {@code {}}
     * must not read as "nobody holds the lease".
     */
    private static final ObjectMapper JSON = StrictJson.mapper();
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private final HttpClient http = ClientTls.configure(HttpClient.newBuilder(), TIMEOUT).build();
    private final URI base;

    public HttpCoordinator(String url) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    private <T> T call(String path, Object body, Class<T> type) throws IOException, InterruptedException {
        HttpRequest request = ClientToken.sign(HttpRequest.newBuilder(base.resolve(path))).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("coordinator answered " + response.statusCode());
        }
        T answer = JSON.readValue(response.body(), type);
        if (answer == null) {
            throw new IOException("coordinator answered null");
        }
        return answer;
    }

    @Override
    public LeaseGrant acquire(String region, Duration ttl, long atLeastEpoch) {
        try {
            return call("acquire", Map.of("region", region, "ttl_ms", ttl.toMillis(), "at_least_epoch", atLeastEpoch), LeaseGrant.class);
        } catch (IOException | InterruptedException e) {
            return new LeaseGrant(false, 0, null, 0, "coordinator unreachable: " + e.getMessage());
        }
    }

    @Override
    public boolean renew(String region, long epoch, Duration ttl) {
        try {
            return call("renew", Map.of("region", region, "epoch", epoch, "ttl_ms", ttl.toMillis()), Map.class)
                    .get("renewed") == Boolean.TRUE;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Override
    public void release(String region, long epoch, String successor) {
        java.util.Map<String, Object> body = new java.util.HashMap<>(Map.of("region", region, "epoch", epoch));
        if (successor != null) {
            body.put("successor", successor);
        }
        try {
            call("release", body, Map.class);
        } catch (IOException | InterruptedException ignored) {
            // the lease lapses on its own
        }
    }

    @Override
    public LeaseInfo current() {
        try {
            return call("current", Map.of(), LeaseInfo.class);
        } catch (IOException | InterruptedException e) {
            return LeaseInfo.UNREACHABLE;
        }
    }
}
