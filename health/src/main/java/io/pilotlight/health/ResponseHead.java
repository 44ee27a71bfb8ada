package io.pilotlight.health;

import java.util.Map;

/** The status and headers of an HTTP response; header names are lower case. */
record ResponseHead(int status, Map<String, String> headers) {

    boolean chunked() {
        String encoding = headers.get("transfer-encoding");
        return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    /** The declared body length, or -1 when the body runs to the end of the connection. */
    long contentLength() throws MalformedResponseException {
        String value = headers.get("content-length");
        if (value == null || chunked()) {
            return -1;
        }
        try {
            long length = Long.parseLong(value.trim());
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException bad) {
            throw new MalformedResponseException("bad Content-Length \"" + Printable.of(value) + "\"");
        }
    }
}
