package io.pilotlight.faults;

import java.io.IOException;
import java.net.Socket;

/** Closing sockets without caring whether they are still open. */
final class Sockets {
    private Sockets() {
    }

    /** Closes with an RST (SO_LINGER 0): the peer's next read or write fails with "connection reset". */
    static void reset(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException ignored) {
            // already broken: closing is all that is left
        }
        close(socket);
    }

    /** Closes normally (FIN). */
    static void close(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // nothing to do about it
        }
    }
}
