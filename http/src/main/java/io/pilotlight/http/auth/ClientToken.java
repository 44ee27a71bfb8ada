package io.pilotlight.http.auth;

import java.net.http.HttpRequest;
import java.util.Optional;

/**
 * The token every Pilotlight client sends ({@code Authorization: Bearer …}): read once from
 * {@link #ENV} — never from the command line, where other users see it in the process list.
 * Tests set another one with {@link #use}.
 */
public final class ClientToken {
    public static final String ENV = "PILOTLIGHT_TOKEN";
    private static volatile String token = fromEnvironment();

    private ClientToken() {
    }

    private static String fromEnvironment() {
        String value = System.getenv(ENV);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The token clients send, if any. */
    public static Optional<String> current() {
        return Optional.ofNullable(token);
    }

    /** For tests: the token clients send from now on (null: none). */
    public static void use(String newToken) {
        token = newToken;
    }

    /** The header line a plain-socket client writes ({@code Authorization: Bearer …\r\n}), or "" when there is no token. */
    public static String headerLine() {
        String current = token;
        return current == null ? "" : "Authorization: Bearer " + current + "\r\n";
    }

    /** {@code request} with the Authorization header when there is a token. */
    public static HttpRequest.Builder sign(HttpRequest.Builder request) {
        String current = token;
        return current == null ? request : request.header("Authorization", "Bearer " + current);
    }
}
