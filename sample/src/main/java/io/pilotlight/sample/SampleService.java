package io.pilotlight.sample;

import io.pilotlight.http.HttpCall;
import io.pilotlight.http.HttpFront;
import io.pilotlight.http.HttpReply;
import io.pilotlight.store.NotWriterException;
import io.pilotlight.store.StoreClient;
import io.pilotlight.store.StoreException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
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
    private final StoreClient store;
    private final String localStore;
    private final StoreHealth storeHealth;
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
        this.region = region;
        this.injected = new InjectedErrors(faultFile);
        this.localStore = storeNodes.containsKey(region) ? region : storeNodes.keySet().stream().findFirst().orElse(null);
        this.store = storeNodes.isEmpty() ? null : new StoreClient(storeNodes, localStore);
        this.storeHealth = storeNodes.isEmpty() ? null : new StoreHealth(storeNodes.get(localStore), Clock.systemUTC());
        this.server = HttpFront.builder().name("sample-http").threads(1).reusePort(true)
                .route("/", HttpFront.Mode.BLOCKING, this::serve)
                .listen(listen);
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
            String problem = storeHealth == null ? null : storeHealth.problem();
            return problem == null ? new Response(200, "ok region=" + region + "\n")
                    : new Response(503, "unhealthy region=" + region + ": " + problem + "\n");
        }
        if (path.startsWith("/items/") && store != null) {
            String id = path.substring("/items/".length());
            try {
                if (method.equals("PUT") || method.equals("POST")) {
                    StoreClient.Ack ack = store.put("item/" + id, new String(body, StandardCharsets.UTF_8));
                    return new Response(200, "{\"id\":\"" + id + "\",\"version\":" + ack.version() + ",\"epoch\":" + ack.epoch()
                            + ",\"ack_time\":" + ack.ackTime() + ",\"region\":\"" + region + "\"}\n");
                }
                StoreClient.Read read = store.get(localStore, "item/" + id);
                return read.found() ? new Response(200, read.value())
                        : new Response(404, "no item " + id + "\n");
            } catch (NotWriterException e) {
                return new Response(503, "no writer: " + e.getMessage() + "\n");
            } catch (StoreException | IOException e) {
                return new Response(503, "store unavailable: " + e.getMessage() + "\n");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Response(503, "interrupted\n");
            }
        }
        return new Response(404, "not found: " + path + "\n");
    }

    @Override
    public void close() {
        server.close();
    }
}
