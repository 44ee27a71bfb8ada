package io.pilotlight.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** Sends raw bytes over UDP and returns the raw answer, or null when the server stays silent. */
final class RawUdp {
    private RawUdp() {
    }

    static byte[] exchange(InetSocketAddress server, byte[] packet, int timeoutMillis) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(timeoutMillis);
            socket.send(new DatagramPacket(packet, packet.length, server));
            byte[] buffer = new byte[65_535];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(reply);
            } catch (SocketTimeoutException silent) {
                return null;
            }
            return Arrays.copyOf(buffer, reply.getLength());
        }
    }
}
