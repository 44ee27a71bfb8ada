package io.pilotlight.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Opens the TCP connection of a probe: bound to the checker's source address, within the deadline.
 * The connection is closed with a reset once the probe has its verdict (SO_LINGER 0, as HAProxy's
 * checks do), so a checker running thousands of probes a second leaves no TIME_WAIT behind to use
 * up the machine's ephemeral ports.
 */
final class Connector {
    private Connector() {
    }

    static Socket connect(ProbeTarget target, Deadline deadline) throws IOException {
        InetAddress address = Resolver.resolve(target, deadline);
        Socket socket = new Socket();
        deadline.guard(socket);
        try {
            if (target.source() != null) {
                socket.bind(new InetSocketAddress(target.source(), 0));
            }
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address, target.port()), deadline.remainingMillis());
            socket.setSoLinger(true, 0);
            return socket;
        } catch (IOException | RuntimeException failed) {
            Deadline.closeQuietly(socket);
            throw failed;
        }
    }
}
