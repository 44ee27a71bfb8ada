package io.pilotlight.http.auth;

import io.pilotlight.http.HttpFront;
import io.pilotlight.http.tls.ServerTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A server's authentication settings, built in one place from {@code --token-file} or
 * {@link #TOKEN_FILE_ENV} and the {@code --tls-*} options: the tokens (none: the server answers
 * anyone, as on a one-machine lab), whether data calls need a token too, and TLS (null: plain HTTP),
 * whose client certificates name callers too ({@link CertificateIdentity}). {@link #install} is the
 * one call each server makes.
 */
public record ServerAuth(Tokens tokens, boolean requireTokenForData, ServerTls tls) {
    public static final String TOKEN_FILE_ENV = "PILOTLIGHT_TOKEN_FILE";
    /** No tokens: every call is answered, and only loopback listeners are allowed. */
    public static final ServerAuth NONE = new ServerAuth(null, false);

    /** Tokens over plain HTTP. */
    public ServerAuth(Tokens tokens, boolean requireTokenForData) {
        this(tokens, requireTokenForData, null);
    }

    /** These settings, served over {@code tls} (null: plain HTTP). */
    public ServerAuth withTls(ServerTls tls) {
        return new ServerAuth(tokens, requireTokenForData, tls);
    }

    /** From the option when given, else from the environment variable, else {@link #NONE}. */
    public static ServerAuth resolve(Path tokenFileOption, Map<String, String> env, boolean requireTokenForData) throws IOException {
        Path file = tokenFileOption;
        if (file == null) {
            String fromEnv = env.get(TOKEN_FILE_ENV);
            file = fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
        }
        if (file == null) {
            if (requireTokenForData) {
                throw new IllegalArgumentException("--require-token-for-data needs a token file: --token-file FILE or " + TOKEN_FILE_ENV);
            }
            return NONE;
        }
        return new ServerAuth(Tokens.load(file), requireTokenForData);
    }

    /** Whether callers are checked: by tokens, by client certificates, or both. */
    public boolean enabled() {
        return tokens != null || tls != null && tls.checksClientCertificates();
    }

    /** {@code https} or {@code http}, for the URL a server prints. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    /**
     * Refuses a listener beyond loopback without tokens or client certificates
     * ({@link UnprotectedListenerException}), speaks TLS when there is some, and puts the caller check
     * in front of every route of {@code builder} when callers are checked.
     */
    public HttpFront.Builder install(HttpFront.Builder builder, String server, InetSocketAddress listen, AccessPolicy policy) {
        requireProtected(server, listen, enabled());
        if (tls != null) {
            builder.tls(tls);
        }
        return enabled() ? builder.filter(new TokenFilter(tokens == null ? new Tokens(List.of()) : tokens, policy, requireTokenForData)) : builder;
    }

    /** The pure rule: a listener on a non-loopback address (the wildcard included) needs tokens. */
    public static void requireProtected(String server, InetSocketAddress listen, boolean hasTokens) {
        if (!hasTokens && !loopback(listen)) {
            throw new UnprotectedListenerException(server, listen);
        }
    }

    static boolean loopback(InetSocketAddress listen) {
        return listen.getAddress() != null ? listen.getAddress().isLoopbackAddress() : "localhost".equalsIgnoreCase(listen.getHostString());
    }
}
