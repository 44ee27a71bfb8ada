package io.pilotlight.store.node;

import io.pilotlight.store.StoreException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where every node of the deployment is reached, by region: starts as {@code --peer} said and can be
 * re-pointed while running (a writer that moved, or a new path between regions such as a proxy), as
 * a PostgreSQL standby re-reads {@code primary_conninfo} on reload.
 */
final class PeerBook {
    private final Map<String, String> urls;

    PeerBook(Map<String, String> initial) {
        this.urls = new ConcurrentHashMap<>(initial);
    }

    String url(String region) {
        String url = urls.get(region);
        if (url == null) {
            throw new StoreException("no peer URL for region " + region + "; known: " + regions());
        }
        return url;
    }

    boolean knows(String region) {
        return urls.containsKey(region);
    }

    Map<String, String> all() {
        return new TreeMap<>(urls);
    }

    java.util.Set<String> regions() {
        return new TreeMap<>(urls).keySet();
    }

    /** Re-points a known region; refuses an unknown region or a URL that is not http(s)://HOST:PORT. */
    void set(String region, String url) {
        if (region == null || !urls.containsKey(region)) {
            throw new IllegalArgumentException("region " + region + " is not a peer; known: " + regions());
        }
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url \"" + url + "\" is not a URL; expected http://HOST:PORT or https://HOST:PORT");
        }
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null || uri.getPort() <= 0 || uri.getPort() > 65535 || !bare) {
            throw new IllegalArgumentException("url \"" + url + "\" is not allowed; expected http://HOST:PORT or https://HOST:PORT");
        }
        urls.put(region, url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }
}
