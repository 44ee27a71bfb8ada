package io.pilotlight.store.coord;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the writer's lease lives in etcd: {@code etcd://HOST:PORT[,HOST:PORT...][/prefix]}. The keys
 * are {@code PREFIX/epoch}, {@code PREFIX/writer} and {@code PREFIX/successor}; the prefix defaults to
 * {@value #DEFAULT_PREFIX} (one deployment per prefix).
 */
public record EtcdTarget(List<URI> endpoints, String prefix) {
    public static final String DEFAULT_PREFIX = "/pilotlight/default";
    private static final String SCHEME = "etcd://";

    public EtcdTarget {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("an etcd target needs at least one HOST:PORT");
        }
        if (!prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            throw new IllegalArgumentException("etcd key prefix \"" + prefix + "\": allowed is /a/b (starts with /, no trailing or double /)");
        }
    }

    public static boolean isEtcd(String text) {
        return text.startsWith(SCHEME);
    }

    /** Parses {@code etcd://HOST:PORT[,HOST:PORT...][/prefix]}, naming the bad part in the message. */
    public static EtcdTarget parse(String text) {
        if (!isEtcd(text)) {
            throw new IllegalArgumentException("\"" + text + "\" is not an etcd target; allowed: etcd://HOST:PORT[,HOST:PORT...][/prefix]");
        }
        String rest = text.substring(SCHEME.length());
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
            endpoints.add(URI.create("http://" + hostPort));
        }
        return new EtcdTarget(endpoints, prefix);
    }

    /**
     * A jetcd client for these endpoints: the one place where every etcd client of Pilotlight is built. Requests go
     * round-robin over every member (one member cut off costs a request its deadline, not every request), and a
     * connection whose member went silent (a partition drops packets: no reset ever comes) is found dead by gRPC
     * keepalive pings within about 6 s, at etcd's default minimum ping interval of 5 s ({@code --grpc-keepalive-min-time}).
     */
    public io.etcd.jetcd.Client client(java.time.Duration connectTimeout) {
        return io.etcd.jetcd.Client.builder().endpoints(endpoints.toArray(new URI[0])).connectTimeout(connectTimeout)
                .loadBalancerPolicy("round_robin")
                .keepaliveTime(java.time.Duration.ofSeconds(5)).keepaliveTimeout(java.time.Duration.ofSeconds(1)).keepaliveWithoutCalls(true)
                .build();
    }

    /** The key {@code PREFIX/name}. */
    public String key(String name) {
        return prefix + "/" + name;
    }

    @Override
    public String toString() {
        return SCHEME + String.join(",", endpoints.stream().map(u -> u.getHost() + ":" + u.getPort()).toList()) + prefix;
    }
}
