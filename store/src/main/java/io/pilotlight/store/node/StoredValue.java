package io.pilotlight.store.node;

import java.nio.ByteBuffer;

/**
 * A key's current value with its version (the log index of the write that made it) and that
 * write's epoch and commit time.
 */
public record StoredValue(byte[] value, long version, long epoch, long commitTime) {

    /** The layout of stores written before the data pointed into the log: version, epoch, commit time, value. */
    static StoredValue decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long version = buffer.getLong();
        long epoch = buffer.getLong();
        long time = buffer.getLong();
        byte[] value = new byte[buffer.remaining()];
        buffer.get(value);
        return new StoredValue(value, version, epoch, time);
    }
}
