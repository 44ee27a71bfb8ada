package io.pilotlight.store.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Lost writes as JSON in the ledger column family. */
final class LedgerCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LedgerCodec() {
    }

    static byte[] encode(LostWrite write) {
        try {
            return JSON.writeValueAsBytes(write);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LostWrite decode(byte[] bytes) {
        try {
            return JSON.readValue(bytes, LostWrite.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
