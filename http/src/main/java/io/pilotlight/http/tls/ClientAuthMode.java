package io.pilotlight.http.tls;

import java.util.Locale;

/**
 * Whether a TLS server asks its clients for a certificate (chained to its CA bundle): REQUIRED is
 * mutual TLS, nobody without one even reaches HTTP; OPTIONAL lets clients without one in, to show a
 * bearer token instead; NONE never asks.
 */
public enum ClientAuthMode {
    REQUIRED, OPTIONAL, NONE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ClientAuthMode parse(String text) {
        for (ClientAuthMode mode : values()) {
            if (mode.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--tls-client-auth \"" + text + "\" is not allowed; expected required, optional or none");
    }
}
