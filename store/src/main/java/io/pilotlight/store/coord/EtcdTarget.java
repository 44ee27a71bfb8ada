package io.pilotlight.store.coord;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.pilotlight.http.tls.ClientTls;
import io.pilotlight.http.tls.TlsMaterial;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Where the writer's lease lives in etcd: {@code etcd://HOST:PORT[,HOST:PORT...][/prefix]}, or
 * {@code etcds://...} for an etcd that speaks TLS (its members' certificates verified against the
 * process's CA bundle, and the process's certificate shown to an etcd started with
 * {@code --client-cert-auth}; see {@link #client(Duration)}). The keys are {@code PREFIX/epoch},
 * {@code PREFIX/writer} and {@code PREFIX/successor}; the prefix defaults to {@value #DEFAULT_PREFIX}
 * (one deployment per prefix).
 */
public record EtcdTarget(List<URI> endpoints, String prefix) {
    public static final String DEFAULT_PREFIX = "/pilotlight/default";
    private static final String SCHEME = "etcd://";
    private static final String TLS_SCHEME = "etcds://";
    private static final String ALLOWED = "etcd://HOST:PORT[,HOST:PORT...][/prefix] (etcds:// for TLS)";

    public EtcdTarget {
        endpoints = List.copyOf(endpoints);
        if (endpoints.stream().map(URI::getScheme).distinct().count() > 1) {
            throw new IllegalArgumentException("etcd endpoints " + endpoints + " mix http and https; allowed: all one or all the other");
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("an etcd target needs at least one HOST:PORT");
        }
        if (!prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            throw new IllegalArgumentException("etcd key prefix \"" + prefix + "\": allowed is /a/b (starts with /, no trailing or double /)");
        }
    }

    public static boolean isEtcd(String text) {
        return text.startsWith(SCHEME) || text.startsWith(TLS_SCHEME);
    }

    /** Parses {@code etcd://HOST:PORT[,HOST:PORT...][/prefix]} (or {@code etcds://}), naming the bad part in the message. */
    public static EtcdTarget parse(String text) {
        if (!isEtcd(text)) {
            throw new IllegalArgumentException("\"" + text + "\" is not an etcd target; allowed: " + ALLOWED);
        }
        boolean tls = text.startsWith(TLS_SCHEME);
        String rest = text.substring((tls ? TLS_SCHEME : SCHEME).length());
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? DEFAULT_PREFIX : rest.substring(slash);
        List<URI> endpoints = new ArrayList<>();
        for (String hostPort : hosts.split(",", -1)) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || !hostPort.substring(colon + 1).matches("[0-9]{1,5}")
                    || Integer.parseInt(hostPort.substring(colon + 1)) < 1 || Integer.parseInt(hostPort.substring(colon + 1)) > 65535) {
                throw new IllegalArgumentException("etcd endpoint \"" + hostPort + "\" in \"" + text + "\": allowed is HOST:PORT with a port 1 to 65535");
            }
            endpoints.add(URI.create((tls ? "https://" : "http://") + hostPort));
        }
        return new EtcdTarget(endpoints, prefix);
    }

    /** Whether etcd is reached over TLS ({@code etcds://}). */
    public boolean tls() {
        return endpoints.get(0).getScheme().equals("https");
    }

    /**
     * A jetcd client for these endpoints: the one place where every etcd client of Pilotlight is
     * built. Over TLS it uses the process's TLS files ({@link ClientTls}: {@code --tls-*} of the
     * server, else {@code PILOTLIGHT_TLS_CERT/KEY/CA}). Requests go round-robin over every member (one
     * member cut off costs a request its deadline, not every request), and a connection whose member
     * went silent (a partition drops packets: no reset ever comes) is found dead by gRPC keepalive
     * pings within about 6 s, at etcd's default minimum ping interval of 5 s ({@code --grpc-keepalive-min-time}).
     */
    public Client client(Duration connectTimeout) {
        return client(connectTimeout, ClientTls.material().orElse(null));
    }

    /**
     * A jetcd client that, over TLS, trusts {@code tls}'s CA bundle (the JDK's CAs without one) and
     * shows its certificate when it has one. Each member's certificate must name the host it is
     * reached at (a subject alternative name), as for every TLS peer.
     */
    public Client client(Duration connectTimeout, TlsMaterial tls) {
        ClientBuilder builder = Client.builder().endpoints(endpoints.toArray(new URI[0])).connectTimeout(connectTimeout)
                .loadBalancerPolicy("round_robin")
                .keepaliveTime(Duration.ofSeconds(5)).keepaliveTimeout(Duration.ofSeconds(1)).keepaliveWithoutCalls(true);
        if (tls()) {
            try {
                builder.sslContext(netty -> {
                    if (tls != null) {
                        tls.configureClient(netty);
                    }
                });
            } catch (SSLException e) {
                throw new IllegalArgumentException("cannot make a TLS client for " + this + ": " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    /** The key {@code PREFIX/name}. */
    public String key(String name) {
        return prefix + "/" + name;
    }

    @Override
    public String toString() {
        return (tls() ? TLS_SCHEME : SCHEME) + String.join(",", endpoints.stream().map(u -> u.getHost() + ":" + u.getPort()).toList()) + prefix;
    }
}
