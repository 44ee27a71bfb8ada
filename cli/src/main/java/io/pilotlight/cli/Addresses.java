package io.pilotlight.cli;

import java.net.InetSocketAddress;

/** host:port options. */
final class Addresses {
    private Addresses() {
    }

    static InetSocketAddress parse(String option, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(option + " \"" + text + "\" is not HOST:PORT, e.g. 127.0.0.1:5353");
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(text.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " \"" + text + "\": the port must be a number from 0 to 65535");
        }
    }
}
