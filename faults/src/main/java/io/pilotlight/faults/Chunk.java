package io.pilotlight.faults;

/**
 * What travels through one direction of a connection: bytes, or the end of the stream, or a reset,
 * each due for delivery at a given {@link System#nanoTime()}.
 */
record Chunk(Kind kind, byte[] bytes, long dueNanos) {
    enum Kind { DATA, END, RESET }

    static Chunk data(byte[] bytes, long dueNanos) {
        return new Chunk(Kind.DATA, bytes, dueNanos);
    }

    static Chunk end(long dueNanos) {
        return new Chunk(Kind.END, new byte[0], dueNanos);
    }

    static Chunk reset(long dueNanos) {
        return new Chunk(Kind.RESET, new byte[0], dueNanos);
    }

    int length() {
        return bytes.length;
    }
}
