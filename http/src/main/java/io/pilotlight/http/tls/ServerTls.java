package io.pilotlight.http.tls;

import io.netty.handler.ssl.SslContext;

/**
 * How a server speaks TLS: its Netty context and whether it asks clients for certificates. Built
 * once per server from the user's files ({@link #of}); {@code HttpFront.Builder#tls} puts it first
 * in every connection's pipeline.
 */
public record ServerTls(SslContext context, ClientAuthMode clientAuth, TlsMaterial material) {
    /** From the files; a client-auth mode other than NONE needs a CA bundle. */
    public static ServerTls of(TlsMaterial material, ClientAuthMode clientAuth) {
        return new ServerTls(material.serverContext(clientAuth), clientAuth, material);
    }

    /** Whether callers may be known by their certificate (then the server checks who calls even without a token file). */
    public boolean checksClientCertificates() {
        return clientAuth != ClientAuthMode.NONE;
    }

    /** Mutual TLS: no connection without a certificate from the CA. */
    public boolean requiresClientCertificates() {
        return clientAuth == ClientAuthMode.REQUIRED;
    }
}
