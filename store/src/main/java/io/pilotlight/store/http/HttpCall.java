package io.pilotlight.store.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One HTTP request as a route sees it: the method, the raw path, the decoded query parameters,
 * the headers (names case-insensitive) and the whole body.
 */
public record HttpCall(String method, String rawPath, Map<String, String> query, Function<String, String> headers, byte[] body) {

    /** Splits a request target ({@code /kv/a%20b?if_version=3}) into its raw path and decoded query. */
    static HttpCall of(String method, String target, Function<String, String> headers, byte[] body) {
        int mark = target.indexOf('?');
        String path = mark < 0 ? target : target.substring(0, mark);
        return new HttpCall(method, path, mark < 0 ? Map.of() : decodeQuery(target.substring(mark + 1)), headers, body);
    }

    /** A request header's value, or null. */
    public String header(String name) {
        return headers.apply(name);
    }

    public String param(String name, String fallback) {
        return query.getOrDefault(name, fallback);
    }

    private static Map<String, String> decodeQuery(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
