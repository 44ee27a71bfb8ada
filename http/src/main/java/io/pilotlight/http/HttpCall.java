package io.pilotlight.http;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One HTTP request as a route sees it: the method, the raw path (undecoded, one character per
 * byte: decode a part of it with {@link UriText#decodePath}), the decoded query parameters, the
 * headers (names case-insensitive), the whole body, and the client's certificate when the call came
 * over TLS with one the server's CA verified (null otherwise).
 */
public record HttpCall(String method, String rawPath, Map<String, String> query, Function<String, String> headers, byte[] body,
                       X509Certificate peerCertificate) {

    /** A call without a client certificate. */
    public HttpCall(String method, String rawPath, Map<String, String> query, Function<String, String> headers, byte[] body) {
        this(method, rawPath, query, headers, body, null);
    }

    /**
     * Splits a request target ({@code /kv/a%20b?if_version=3}) into its raw path and decoded query.
     * A bad escape or bytes that are not UTF-8 in the query are an {@link IllegalArgumentException} naming the parameter.
     */
    static HttpCall of(String method, String target, Function<String, String> headers, byte[] body, X509Certificate peer) {
        int mark = target.indexOf('?');
        String path = mark < 0 ? target : target.substring(0, mark);
        return new HttpCall(method, path, mark < 0 ? Map.of() : decodeQuery(target.substring(mark + 1)), headers, body, peer);
    }

    /** A request header's value, or null. */
    public String header(String name) {
        return headers.apply(name);
    }

    public String param(String name, String fallback) {
        return query.getOrDefault(name, fallback);
    }

    /** A whole-number parameter, or {@code fallback} when absent; anything else is an {@link IllegalArgumentException} naming it. */
    public long longParam(String name, long fallback) {
        String value = query.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("query parameter \"" + name + "\" is \"" + value + "\"; allowed: a whole number");
        }
    }

    private static Map<String, String> decodeQuery(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = UriText.decodeQuery(pair.substring(0, eq), "a query parameter name", "query parameters are UTF-8 strings");
                out.put(name, UriText.decodeQuery(pair.substring(eq + 1), "query parameter \"" + name + "\"",
                        "query parameters are UTF-8 strings"));
            }
        }
        return out;
    }
}
