package io.pilotlight.health;

import java.io.IOException;
import java.io.InputStream;

/** Decodes a {@code Transfer-Encoding: chunked} body; trailers are not read (nobody needs them here). */
final class ChunkedInputStream extends InputStream {
    private final ResponseReader reader;
    private long leftInChunk;
    private boolean finished;
    private boolean startedOnce;

    ChunkedInputStream(ResponseReader reader) {
        this.reader = reader;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (leftInChunk == 0 && !nextChunk()) {
            return -1;
        }
        int n = reader.raw().read(buffer, offset, (int) Math.min(length, leftInChunk));
        if (n == -1) {
            throw new MalformedResponseException("connection closed in the middle of a chunk");
        }
        leftInChunk -= n;
        return n;
    }

    private boolean nextChunk() throws IOException {
        if (finished) {
            return false;
        }
        if (startedOnce) {
            reader.readLine(); // the CR LF that ends the previous chunk's data
        }
        startedOnce = true;
        String line = reader.readLine();
        if (line == null) {
            throw new MalformedResponseException("connection closed before the next chunk");
        }
        int extension = line.indexOf(';');
        String size = (extension >= 0 ? line.substring(0, extension) : line).trim();
        try {
            leftInChunk = Long.parseLong(size, 16);
        } catch (NumberFormatException bad) {
            throw new MalformedResponseException("bad chunk size \"" + Printable.of(line) + "\"");
        }
        if (leftInChunk < 0 || size.length() > 15) {
            throw new MalformedResponseException("bad chunk size \"" + Printable.of(line) + "\"");
        }
        finished = leftInChunk == 0;
        return !finished;
    }
}
