package io.pilotlight.http;

/**
 * A request's {@code Range} header (one byte range, RFC 9110 section 14.1.2) resolved against a
 * body's length: the whole body (no header, or one we ignore as the RFC allows: malformed or
 * several ranges), a part of it, or nothing (unsatisfiable: answer 416).
 */
public record ByteRange(Kind kind, int start, int endInclusive, int length) {
    public enum Kind { WHOLE, PART, UNSATISFIABLE }

    public static ByteRange resolve(String header, int length) {
        ByteRange whole = new ByteRange(Kind.WHOLE, 0, length - 1, length);
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return whole;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return whole;
        }
        if (!spec.matches("[0-9]*-[0-9]*") || spec.equals("-")) {
            return whole; // RFC 9110: digits only; a sign or anything else makes the header malformed, so it is ignored
        }
        long start;
        long end;
        try {
            if (dash == 0) {
                long suffix = Long.parseLong(spec.substring(1));
                if (suffix <= 0 || length == 0) {
                    return unsatisfiable(length);
                }
                start = Math.max(0, length - suffix);
                end = length - 1;
            } else {
                start = Long.parseLong(spec.substring(0, dash));
                boolean open = dash == spec.length() - 1;
                end = open ? Long.MAX_VALUE : Long.parseLong(spec.substring(dash + 1));
                if (start < 0 || end < start) {
                    return whole;
                }
                if (start >= length) {
                    return unsatisfiable(length);
                }
                end = Math.min(end, length - 1L);
            }
        } catch (NumberFormatException notANumber) {
            return whole;
        }
        return new ByteRange(Kind.PART, (int) start, (int) end, length);
    }

    private static ByteRange unsatisfiable(int length) {
        return new ByteRange(Kind.UNSATISFIABLE, 0, -1, length);
    }

    /** The {@code Content-Range} header for a 206 or a 416 answer. */
    public String contentRange() {
        return kind == Kind.UNSATISFIABLE ? "bytes */" + length : "bytes " + start + "-" + endInclusive + "/" + length;
    }
}
