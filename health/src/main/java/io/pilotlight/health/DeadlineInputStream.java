package io.pilotlight.health;

import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;

/** Gives every read of a socket only the time left before the probe's deadline. */
final class DeadlineInputStream extends FilterInputStream {
    private final Socket socket;
    private final Deadline deadline;

    DeadlineInputStream(Socket socket, Deadline deadline) throws IOException {
        super(socket.getInputStream());
        this.socket = socket;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        socket.setSoTimeout(deadline.remainingMillis());
        return super.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        socket.setSoTimeout(deadline.remainingMillis());
        return super.read(buffer, offset, length);
    }
}
