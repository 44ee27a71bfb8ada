package io.pilotlight.store.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.store.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Lost writes as JSON in the ledger column family. */
final class LedgerCodec {
    private static final ObjectMapper JSON = StrictJson.mapper();

    private LedgerCodec() {
    }

    static byte[] encode(LostWrite write) {
        try {
            return JSON.writeValueAsBytes(write);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A lost write as {@link #encode} wrote it; anything else (a field missing or mistyped, not JSON) is an {@link IllegalArgumentException}. */
    static LostWrite decode(byte[] bytes) {
        LostWrite write;
        try {
            write = JSON.readValue(bytes, LostWrite.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a lost write (" + bytes.length + " bytes): "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()));
        }
        if (write == null || write.key() == null) {
            throw new IllegalArgumentException("not a lost write (" + bytes.length + " bytes): " + (write == null ? "null" : "no key"));
        }
        return write;
    }
}
