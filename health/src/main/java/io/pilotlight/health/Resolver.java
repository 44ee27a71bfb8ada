package io.pilotlight.health;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Finds the address to connect to. A literal {@code ip_address} needs no lookup; a name is resolved
 * on a helper virtual thread so that a slow resolver cannot hold the probe past its deadline.
 */
final class Resolver {
    private Resolver() {
    }

    static InetAddress resolve(ProbeTarget target, Deadline deadline) throws IOException {
        if (target.ipAddress() != null) {
            return target.literalAddress();
        }
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread lookup = Thread.ofVirtual().name("resolve " + target.fqdn()).start(() -> outcome.set(lookup(target.fqdn())));
        try {
            if (!lookup.join(Duration.ofMillis(deadline.remainingMillis()))) {
                throw new SocketTimeoutException("resolving " + target.fqdn());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while resolving " + target.fqdn());
        }
        if (outcome.get() instanceof InetAddress address) {
            return address;
        }
        throw (UnknownHostException) outcome.get();
    }

    private static Object lookup(String name) {
        try {
            return InetAddress.getByName(name);
        } catch (UnknownHostException unknown) {
            return unknown;
        }
    }
}
