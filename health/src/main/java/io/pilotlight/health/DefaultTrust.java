package io.pilotlight.health;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/** The JDK's default TLS context: its trust store decides which certificates are valid. */
final class DefaultTrust {
    private DefaultTrust() {
    }

    static SSLContext context() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no default TLS context", e);
        }
    }
}
