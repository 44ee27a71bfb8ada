package io.pilotlight.health;

/** Shows bytes that came from the network in a message without letting them break the message. */
final class Printable {
    static final int LIMIT = 40;

    private Printable() {
    }

    static String of(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length() && out.length() < LIMIT; i++) {
            char c = raw.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return raw.length() > LIMIT ? out + "..." : out.toString();
    }
}
