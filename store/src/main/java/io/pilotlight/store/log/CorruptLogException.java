package io.pilotlight.store.log;

import java.io.IOException;

/**
 * Bytes that cannot be a log entry or a replication frame: a length out of range, a key that is
 * not UTF-8, bytes left over inside an entry's length. On the stream the replica drops the
 * connection and reconnects from its last applied entry; in the store it means the disk is damaged.
 */
public final class CorruptLogException extends IOException {
    public CorruptLogException(String message) {
        super(message);
    }
}
