package io.pilotlight.store.node;

import io.pilotlight.http.auth.ServerAuth;
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

    /** The node, then its HTTP API; a node whose API cannot listen is closed again (its RocksDB lock released). */
    public static StoreServer start(NodeConfig config) throws IOException {
        return start(config, ServerAuth.NONE, null);
    }

    /**
     * With tokens ({@link ServerAuth}) and the directory {@code POST /backup} may write under. A
     * listener beyond loopback without tokens is refused before the node opens its data.
     */
    public static StoreServer start(NodeConfig config, ServerAuth auth, java.nio.file.Path backupRoot) throws IOException {
        ServerAuth.requireProtected("store node " + config.region(), config.listen(), auth.enabled());
        StoreNode node = StoreNode.start(config);
        try {
            return new StoreServer(node, new StoreHttpApi(config.listen(), node, auth, backupRoot));
        } catch (IOException | RuntimeException cannotListen) {
            node.close();
            throw cannotListen;
        }
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
