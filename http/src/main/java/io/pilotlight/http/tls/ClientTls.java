package io.pilotlight.http.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The TLS every Pilotlight client of this process speaks to an {@code https://} peer: the one place
 * the client {@link SSLContext} is built. By default it comes from {@code PILOTLIGHT_TLS_CERT},
 * {@code PILOTLIGHT_TLS_KEY} (the certificate this process shows) and {@code PILOTLIGHT_TLS_CA}
 * (the CAs it trusts; without it the JDK's), read on first use; a server started with
 * {@code --tls-*} options puts its own files here ({@link #use}) so its internal clients (a replica
 * pulling the log, lease calls) show the agent's certificate. Servers' names are verified against
 * their certificates (subject alternative names), as browsers do.
 */
public final class ClientTls {
    private record State(TlsMaterial material, SSLContext context) { }

    private static final State NONE = new State(null, null);
    private static volatile State state;

    private ClientTls() {
    }

    private static State state() {
        State current = state;
        if (current == null) {
            synchronized (ClientTls.class) {
                if (state == null) {
                    TlsFiles files = TlsFiles.resolve(null, null, null, System.getenv());
                    state = files == null ? NONE : of(files.load());
                }
                current = state;
            }
        }
        return current;
    }

    private static State of(TlsMaterial material) {
        return material == null ? NONE : new State(material, material.clientContext());
    }

    /** From now on clients of this process use {@code material} (null: no certificate, the JDK's CAs). */
    public static void use(TlsMaterial material) {
        state = of(material);
    }

    /** The files clients use, if any (e.g. for a gRPC client that needs a Netty context of its own). */
    public static Optional<TlsMaterial> material() {
        return Optional.ofNullable(state().material());
    }

    /** The context clients use; the JDK's default when no files are set. */
    public static SSLContext context() {
        SSLContext context = state().context();
        if (context != null) {
            return context;
        }
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * How much longer a connection may take when this process speaks TLS: java.net.http counts the
     * handshake in its connect timeout, and the first handshake of a fresh process (the CLI) took
     * 1.5 to over 3 s on a busy 2-core machine here (load 15 to 33: class loading, certificate path
     * checks, key agreement), against a few ms later.
     */
    public static final Duration HANDSHAKE_ALLOWANCE = Duration.ofSeconds(5);

    /** {@code builder} with this process's client TLS and {@code connectTimeout} (plus {@link #HANDSHAKE_ALLOWANCE} when it has TLS files). */
    public static HttpClient.Builder configure(HttpClient.Builder builder, Duration connectTimeout) {
        return builder.sslContext(context()).connectTimeout(connectTimeout(connectTimeout));
    }

    /** {@code plain}, plus {@link #HANDSHAKE_ALLOWANCE} when this process has TLS files (so it talks to https:// peers). */
    public static Duration connectTimeout(Duration plain) {
        return state().material() == null ? plain : plain.plus(HANDSHAKE_ALLOWANCE);
    }

    /**
     * A connected socket to {@code base}'s host and port ({@code http://} plain, {@code https://} TLS
     * with the handshake done and the host name verified), for clients that write HTTP by hand (the
     * replication stream, durability reports).
     */
    public static Socket connect(URI base, int connectTimeoutMillis) throws IOException {
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() >= 0 ? base.getPort() : tls ? 443 : 80;
        Socket raw = new Socket();
        try {
            raw.setTcpNoDelay(true);
            raw.connect(new InetSocketAddress(base.getHost(), port), connectTimeoutMillis);
            if (!tls) {
                return raw;
            }
            SSLSocket socket = (SSLSocket) context().getSocketFactory().createSocket(raw, base.getHost(), port, true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout((int) Math.max(connectTimeoutMillis, HANDSHAKE_ALLOWANCE.toMillis()));
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
