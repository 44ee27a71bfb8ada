package io.pilotlight.sample;

import io.pilotlight.http.HttpCall;
import io.pilotlight.http.HttpFront;
import io.pilotlight.http.HttpReply;
import io.pilotlight.http.tls.ServerTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The sample service: {@code GET /healthz} (deep: see {@link StoreHealth}), {@code GET /items/ID} (read from this region's store
 * node), {@code PUT /items/ID} (written through the writer). Several instances share one address
 * with SO_REUSEPORT, so the kernel spreads connections over them as a load balancer would. Served by
 * the shared {@link HttpFront}, each call on a virtual thread (a store call blocks).
 */
public final class SampleService implements AutoCloseable {
    private final HttpFront server;
    private final String region;
    private final Items items;
    private final InjectedErrors injected;

    /** What the service answers: a status and a text body. */
    record Response(int status, String body) {
    }

    /**
     * @param storeNodes store node URLs by region; may be empty for a stateless instance
     */
    public SampleService(InetSocketAddress listen, String region, Map<String, String> storeNodes) throws IOException {
        this(listen, region, storeNodes, null);
    }

    /** @param faultFile where a drill may ask for injected errors (see {@link InjectedErrors}); null for none */
    public SampleService(InetSocketAddress listen, String region, Map<String, String> storeNodes, Path faultFile) throws IOException {
        this(listen, region, storeNodes, faultFile, null);
    }

    /** @param tls serve HTTPS with it (a service whose health check is HTTPS); null for plain HTTP */
    public SampleService(InetSocketAddress listen, String region, Map<String, String> storeNodes, Path faultFile, ServerTls tls)
            throws IOException {
        this(listen, region, storeNodes.isEmpty() ? null : new StoreItems(region, storeNodes), faultFile, tls);
    }

    /** Items in PostgreSQL: written through {@code primaryUrl} (pgJDBC multi-host, targetServerType=primary), read from {@code localUrl}. */
    public static SampleService onPostgres(InetSocketAddress listen, String region, String primaryUrl, String localUrl, Path faultFile)
            throws IOException {
        return onPostgres(listen, region, primaryUrl, localUrl, faultFile, null);
    }

    public static SampleService onPostgres(InetSocketAddress listen, String region, String primaryUrl, String localUrl, Path faultFile,
                                           ServerTls tls) throws IOException {
        return new SampleService(listen, region, new JdbcItems(primaryUrl, localUrl), faultFile, tls);
    }

    private SampleService(InetSocketAddress listen, String region, Items items, Path faultFile, ServerTls tls) throws IOException {
        this.region = region;
        this.injected = new InjectedErrors(faultFile);
        this.items = items;
        HttpFront.Builder front = HttpFront.builder().name("sample-http").threads(1).reusePort(true)
                .route("/", HttpFront.Mode.BLOCKING, this::serve);
        this.server = (tls == null ? front : front.tls(tls)).listen(listen);
    }

    public InetSocketAddress address() {
        return server.address();
    }

    private void serve(HttpCall call, HttpReply reply) {
        Response response = handle(call.method(), call.rawPath(), call.body());
        reply.send(response.status(), "text/plain; charset=utf-8", response.body().getBytes(StandardCharsets.UTF_8));
    }

    Response handle(String method, String path, byte[] body) {
        if (injected.failThisOne()) {
            return new Response(500, "injected fault (gray-failure drill)\n");
        }
        if (path.equals("/healthz")) {
            String problem = items == null ? null : items.problem();
            return problem == null ? new Response(200, "ok region=" + region + "\n")
                    : new Response(503, "unhealthy region=" + region + ": " + problem + "\n");
        }
        if (path.startsWith("/items/") && items != null) {
            String id = path.substring("/items/".length());
            try {
                if (method.equals("PUT") || method.equals("POST")) {
                    String ack = items.put(id, new String(body, StandardCharsets.UTF_8));
                    return new Response(200, "{\"id\":\"" + id + "\"," + ack + ",\"region\":\"" + region + "\"}\n");
                }
                return items.get(id).map(value -> new Response(200, value)).orElseGet(() -> new Response(404, "no item " + id + "\n"));
            } catch (Items.Unavailable e) {
                return new Response(503, e.getMessage() + "\n");
            }
        }
        return new Response(404, "not found: " + path + "\n");
    }

    @Override
    public void close() {
        server.close();
        if (items != null) {
            items.close();
        }
    }
}
