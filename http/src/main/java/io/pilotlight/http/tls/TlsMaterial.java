package io.pilotlight.http.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The loaded and checked contents of {@link TlsFiles}, turned into what each side needs: a Netty
 * server context ({@code HttpFront}), a JDK {@link SSLContext} for {@code java.net.http} and plain
 * sockets, and the settings of a Netty client builder (jetcd's gRPC). Without a CA bundle a client
 * trusts the JDK's default CAs.
 */
public record TlsMaterial(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> trusted, TlsFiles files) {
    public TlsMaterial {
        chain = List.copyOf(chain);
        trusted = List.copyOf(trusted);
    }

    public boolean hasCertificate() {
        return key != null;
    }

    /** A Netty server context; with {@code clientAuth} other than NONE it asks for client certificates that chain to the CA bundle. */
    public SslContext serverContext(ClientAuthMode clientAuth) {
        if (!hasCertificate()) {
            throw new IllegalArgumentException("a TLS server needs its certificate and private key: --tls-cert FILE --tls-key FILE"
                    + " (or " + TlsFiles.CERT_ENV + " and " + TlsFiles.KEY_ENV + ")");
        }
        if (clientAuth != ClientAuthMode.NONE && trusted.isEmpty()) {
            throw new IllegalArgumentException("--tls-client-auth " + clientAuth.label()
                    + " needs the CA bundle that client certificates chain to: --tls-ca FILE (or " + TlsFiles.CA_ENV + ")");
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(key, chain.toArray(new X509Certificate[0]));
            if (!trusted.isEmpty()) {
                builder.trustManager(trusted.toArray(new X509Certificate[0]));
            }
            return builder.clientAuth(switch (clientAuth) {
                case REQUIRED -> ClientAuth.REQUIRE;
                case OPTIONAL -> ClientAuth.OPTIONAL;
                case NONE -> ClientAuth.NONE;
            }).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot make a TLS server from " + files.certificate() + " and " + files.privateKey() + ": " + e.getMessage(), e);
        }
    }

    /** A JDK client context: shows the certificate when there is one, trusts the CA bundle (else the JDK's CAs). */
    public SSLContext clientContext() {
        try {
            KeyManagerFactory keys = null;
            if (hasCertificate()) {
                char[] password = new char[0];
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("pilotlight", key, password, chain.toArray(new X509Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password);
            }
            TrustManagerFactory trust = null;
            if (!trusted.isEmpty()) {
                KeyStore cas = KeyStore.getInstance("PKCS12");
                cas.load(null, null);
                for (int i = 0; i < trusted.size(); i++) {
                    cas.setCertificateEntry("ca-" + i, trusted.get(i));
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(cas);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot make a TLS client context from " + files + ": " + e.getMessage(), e);
        }
    }

    /** Puts the certificate (if any) and the CA bundle (if any) on a Netty client builder, e.g. jetcd's {@code sslContext(Consumer)}. */
    public SslContextBuilder configureClient(SslContextBuilder builder) {
        if (hasCertificate()) {
            builder.keyManager(key, chain.toArray(new X509Certificate[0]));
        }
        if (!trusted.isEmpty()) {
            builder.trustManager(trusted.toArray(new X509Certificate[0]));
        }
        return builder;
    }
}
