package io.pilotlight.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Whom HTTPS checks with {@code verify_certificate} trust by default: the JDK's CAs, and the certificates in the PEM file
 * {@value #EXTRA_ENV} names when it is set (an internal CA; the lab's own certificate, which the lab sets for its checks).
 */
final class DefaultTrust {
    static final String EXTRA_ENV = "PILOTLIGHT_HEALTH_TRUST";

    private DefaultTrust() {
    }

    static SSLContext context() {
        String extra = System.getenv(EXTRA_ENV);
        try {
            return extra == null || extra.isBlank() ? SSLContext.getDefault() : withExtra(Path.of(extra));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no default TLS context", e);
        }
    }

    /** The JDK's CAs plus every certificate in {@code pem}. */
    static SSLContext withExtra(Path pem) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            try (InputStream jdk = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
                trusted.load(jdk, null);
            }
            int n = 0;
            try (InputStream in = Files.newInputStream(pem)) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trusted.setCertificateEntry("extra-" + n++, certificate);
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException(EXTRA_ENV + "=" + pem + " holds no PEM certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(EXTRA_ENV + "=" + pem + ": cannot read the certificates to trust: " + e.getMessage(), e);
        }
    }
}
