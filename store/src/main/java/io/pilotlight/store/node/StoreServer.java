package io.pilotlight.store.node;

import java.io.IOException;
import java.net.InetSocketAddress;

/** A store node with its HTTP API: what {@code pilotlight store serve} runs. */
public final class StoreServer implements AutoCloseable {
    private final StoreNode node;
    private final StoreHttpApi api;

    private StoreServer(StoreNode node, StoreHttpApi api) {
        this.node = node;
        this.api = api;
    }

    /** The HTTP API starts first so peers can reach this node while it decides its role. */
    public static StoreServer start(NodeConfig config) throws IOException {
        StoreNode node = StoreNode.start(config);
        return new StoreServer(node, new StoreHttpApi(config.listen(), node));
    }

    public StoreNode node() {
        return node;
    }

    public InetSocketAddress address() {
        return api.address();
    }

    @Override
    public void close() {
        api.close();
        node.close();
    }
}
