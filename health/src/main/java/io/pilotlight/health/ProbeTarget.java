package io.pilotlight.health;

import io.pilotlight.topology.HealthCheck;
import java.net.InetAddress;

/**
 * Where a probe goes: {@code ip_address} when given, else {@code fqdn} resolved at probe time; the
 * port; and the source address of the checker that sends it ({@code null}: the system picks).
 */
record ProbeTarget(String fqdn, String ipAddress, int port, InetAddress source) {

    static ProbeTarget of(HealthCheck check, VantagePoint vantage) {
        return new ProbeTarget(stripDot(check.fqdn()), check.ipAddress(), check.effectivePort(), vantage.sourceAddress());
    }

    /** The name the server should see (TLS peer and certificate name): the fqdn, else the address. */
    String peerName() {
        return fqdn != null ? fqdn : ipAddress;
    }

    /** The Host header as Route 53 sends it: the name, with {@code :port} unless the port is 80 or 443. */
    String hostHeader() {
        String host = peerName().contains(":") ? "[" + peerName() + "]" : peerName();
        return port == 80 || port == 443 ? host : host + ":" + port;
    }

    /** What a person calls it in a message, e.g. {@code api.test (127.0.0.1):8443}. */
    String label() {
        String where = fqdn != null && ipAddress != null ? fqdn + " (" + ipAddress + ")" : peerName();
        return where + ":" + port;
    }

    private static String stripDot(String name) {
        return name != null && name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    InetAddress literalAddress() throws java.net.UnknownHostException {
        return InetAddress.getByName(ipAddress);
    }
}
