package io.pilotlight.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The first bytes of a response body, where Route 53 looks for the search string (5,120 of them). */
final class BodyPrefix {
    static final int SEARCH_LIMIT = 5120;
    private final byte[] bytes;

    private BodyPrefix(byte[] bytes) {
        this.bytes = bytes;
    }

    static BodyPrefix read(InputStream body, int limit) throws IOException {
        byte[] buffer = new byte[limit];
        int filled = 0;
        int n;
        while (filled < limit && (n = body.read(buffer, filled, limit - filled)) != -1) {
            filled += n;
        }
        return new BodyPrefix(Arrays.copyOf(buffer, filled));
    }

    /** Whether the text, as UTF-8 bytes, lies wholly inside the prefix. */
    boolean contains(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int start = 0; start + needle.length <= bytes.length; start++) {
            for (int i = 0; i < needle.length; i++) {
                if (bytes[start + i] != needle[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    int length() {
        return bytes.length;
    }
}
