package io.pilotlight.sample;

import io.pilotlight.store.NotWriterException;
import io.pilotlight.store.StoreClient;
import io.pilotlight.store.StoreException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The sample service: {@code GET /healthz} (deep: see {@link StoreHealth}), {@code GET /items/ID} (read from this region's store
 * node), {@code PUT /items/ID} (written through the writer). Several instances share one address
 * with SO_REUSEPORT, so the kernel spreads connections over them as a load balancer would.
 */
public final class SampleService implements AutoCloseable {
    private final ServerSocket server;
    private final String region;
    private final StoreClient store;
    private final String localStore;
    private final Thread acceptor;
    private final StoreHealth storeHealth;
    private final InjectedErrors injected;

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
        this.server = new ServerSocket();
        server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        server.setReuseAddress(true);
        server.bind(listen, 256);
        this.acceptor = Thread.ofPlatform().name("sample-accept").start(this::accept);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            MiniHttp.Request request;
            while ((request = MiniHttp.read(socket.getInputStream())) != null) {
                MiniHttp.Response response = handle(request);
                MiniHttp.write(socket.getOutputStream(), response, request.keepAlive());
                if (!request.keepAlive()) {
                    return;
                }
            }
        } catch (IOException | RuntimeException ended) {
            // client went away or sent garbage: this connection only
        }
    }

    MiniHttp.Response handle(MiniHttp.Request request) {
        if (injected.failThisOne()) {
            return new MiniHttp.Response(500, "injected fault (gray-failure drill)\n");
        }
        if (request.path().equals("/healthz")) {
            String problem = storeHealth == null ? null : storeHealth.problem();
            return problem == null ? new MiniHttp.Response(200, "ok region=" + region + "\n")
                    : new MiniHttp.Response(503, "unhealthy region=" + region + ": " + problem + "\n");
        }
        if (request.path().startsWith("/items/") && store != null) {
            String id = request.path().substring("/items/".length());
            try {
                if (request.method().equals("PUT") || request.method().equals("POST")) {
                    StoreClient.Ack ack = store.put("item/" + id, new String(request.body(), StandardCharsets.UTF_8));
                    return new MiniHttp.Response(200, "{\"id\":\"" + id + "\",\"version\":" + ack.version() + ",\"epoch\":" + ack.epoch()
                            + ",\"ack_time\":" + ack.ackTime() + ",\"region\":\"" + region + "\"}\n");
                }
                StoreClient.Read read = store.get(localStore, "item/" + id);
                return read.found() ? new MiniHttp.Response(200, read.value())
                        : new MiniHttp.Response(404, "no item " + id + "\n");
            } catch (NotWriterException e) {
                return new MiniHttp.Response(503, "no writer: " + e.getMessage() + "\n");
            } catch (StoreException | IOException e) {
                return new MiniHttp.Response(503, "store unavailable: " + e.getMessage() + "\n");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new MiniHttp.Response(503, "interrupted\n");
            }
        }
        return new MiniHttp.Response(404, "not found: " + request.path() + "\n");
    }

    @Override
    public void close() {
        try {
            server.close();
            acceptor.join(2_000);
        } catch (IOException | InterruptedException ignored) {
            // closing anyway
        }
    }
}
