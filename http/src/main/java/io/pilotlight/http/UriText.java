package io.pilotlight.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text in a request target, decoded strictly: {@code %XX} escapes become the byte XX, every
 * other character is one byte (the request line as Netty reads it, ISO-8859-1, so raw UTF-8 bytes
 * in a path survive), and the bytes must be valid UTF-8. Nothing is replaced or guessed: a
 * {@code %} without two hex digits after it, or bytes that are not UTF-8, are an
 * {@link IllegalArgumentException} whose message names the part, the bad input and the rule. In a
 * path {@code +} is a plus; in a query {@code +} is a space, as in an HTML form.
 */
public final class UriText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** How much of a bad input a message quotes. */
    private static final int SHOWN = 120;

    private UriText() {
    }

    /** A path segment, e.g. a key: {@code subject} ("key") and {@code rule} ("keys are UTF-8 strings") go in the error. */
    public static String decodePath(String raw, String subject, String rule) {
        if (plainAscii(raw, false)) {
            return raw; // the common case, without copies
        }
        return utf8(bytes(raw, false, subject), raw, subject, rule);
    }

    /** A query parameter's name or value ({@code +} is a space). */
    public static String decodeQuery(String raw, String subject, String rule) {
        if (plainAscii(raw, true)) {
            return raw;
        }
        return utf8(bytes(raw, true, subject), raw, subject, rule);
    }

    private static boolean plainAscii(String raw, boolean plusIsSpace) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 0x80 || c == '%' || plusIsSpace && c == '+') {
                return false;
            }
        }
        return true;
    }

    /** Percent-encodes the UTF-8 bytes of {@code text}, leaving only RFC 3986's unreserved characters as they are. */
    public static String encode(String text) {
        return encodeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    static String encodeBytes(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** The bytes {@code raw} stands for: escapes decoded, each other character one byte (a character above U+00FF as its UTF-8). */
    static byte[] bytes(String raw, boolean plusIsSpace, String subject) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 1 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
                int low = i + 2 < raw.length() ? hex(raw.charAt(i + 2)) : -1;
                if (high < 0 || low < 0) {
                    String escape = raw.substring(i, Math.min(raw.length(), i + 3));
                    throw new IllegalArgumentException(subject + " has a bad percent escape \"" + shown(escape) + "\" at character " + i
                            + " of \"" + shown(raw) + "\"; a % must be followed by two hex digits (%25 is a literal %)");
                }
                out.write(high << 4 | low);
                i += 2;
            } else if (c <= 0xFF) {
                out.write(plusIsSpace && c == '+' ? ' ' : c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1)) ? i + 2 : i + 1;
                if (Character.isSurrogate(c) && end == i + 1) {
                    throw new IllegalArgumentException(subject + " has a lone UTF-16 surrogate at character " + i + "; it has no UTF-8 form");
                }
                out.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    static String utf8(byte[] bytes, String raw, String subject, String rule) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new IllegalArgumentException(subject + " bytes are not valid UTF-8 at byte offset " + in.position() + "; " + rule
                    + " (as sent: \"" + shown(raw) + "\")");
        }
        return out.flip().toString();
    }

    /** {@code raw} fit for a message: bytes outside printable ASCII escaped, cut short when long. */
    static String shown(String raw) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < raw.length() && out.length() < SHOWN; i++) {
            char c = raw.charAt(i);
            if (c > 0x20 && c < 0x7F) {
                out.append(c);
            } else if (c <= 0xFF) {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                out.append(encode(String.valueOf(c)));
            }
        }
        return i == raw.length() ? out.toString() : out + "... (" + raw.length() + " characters)";
    }
}
