package io.pilotlight.http.auth;

import io.pilotlight.http.HttpFront;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

/**
 * A server's authentication settings, built in one place from {@code --token-file} or
 * {@link #TOKEN_FILE_ENV}: the tokens (none: the server answers anyone, as on a one-machine lab)
 * and whether data calls need a token too. {@link #install} is the one call each server makes.
 */
public record ServerAuth(Tokens tokens, boolean requireTokenForData) {
    public static final String TOKEN_FILE_ENV = "PILOTLIGHT_TOKEN_FILE";
    /** No tokens: every call is answered, and only loopback listeners are allowed. */
    public static final ServerAuth NONE = new ServerAuth(null, false);

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

    public boolean enabled() {
        return tokens != null;
    }

    /**
     * Refuses a listener beyond loopback without tokens ({@link UnprotectedListenerException}), and
     * puts the token check in front of every route of {@code builder} when there are tokens.
     */
    public HttpFront.Builder install(HttpFront.Builder builder, String server, InetSocketAddress listen, AccessPolicy policy) {
        requireProtected(server, listen, enabled());
        return enabled() ? builder.filter(new TokenFilter(tokens, policy, requireTokenForData)) : builder;
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
