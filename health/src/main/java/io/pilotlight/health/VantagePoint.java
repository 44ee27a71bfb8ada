package io.pilotlight.health;

import io.pilotlight.topology.DnsNames;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A checker: a named place the endpoint checks run from (in the lab, one per region). Its probes
 * may leave from their own local address, e.g. {@code 127.0.1.1}, so endpoints can tell them apart
 * and faults can cut one checker off.
 *
 * @param sourceAddress the local address probes bind to, or {@code null} to let the system choose
 */
public record VantagePoint(String name, InetAddress sourceAddress) {
    public VantagePoint {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.equals(HealthEvent.AGGREGATE)) {
            throw new IllegalArgumentException("vantage point name \"" + name + "\" is not allowed: it must be non-blank and not \""
                    + HealthEvent.AGGREGATE + "\"");
        }
    }

    public static VantagePoint of(String name) {
        return new VantagePoint(name, null);
    }

    /** A checker whose probes leave from a literal local address, e.g. {@code bound("eu-west", "127.0.1.1")}. */
    public static VantagePoint bound(String name, String sourceAddress) {
        if (sourceAddress == null || !(DnsNames.isIpv4(sourceAddress) || DnsNames.isIpv6(sourceAddress))) {
            throw new IllegalArgumentException("vantage point \"" + name + "\": source address \"" + sourceAddress
                    + "\" is not an IP address; allowed: a local IPv4 or IPv6 address such as 127.0.1.1");
        }
        try {
            return new VantagePoint(name, InetAddress.getByName(sourceAddress));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("vantage point \"" + name + "\": source address \"" + sourceAddress
                    + "\" is not an IP address", e);
        }
    }
}
