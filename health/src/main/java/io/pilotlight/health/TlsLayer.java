package io.pilotlight.health;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * TLS over a probe's connection: SNI carries the fqdn; with verification on, the certificate must
 * chain to a trusted root and name the fqdn (or the IP address when there is no fqdn).
 */
final class TlsLayer {
    private TlsLayer() {
    }

    static SSLSocket handshake(Socket raw, ProbeTarget target, boolean verify, SSLContext trusted, Deadline deadline)
            throws IOException {
        SSLContext context = verify ? trusted : TrustAll.context();
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, target.peerName(), target.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        if (target.fqdn() != null) {
            parameters.setServerNames(List.of(new SNIHostName(target.fqdn())));
        }
        if (verify) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        tls.setSSLParameters(parameters);
        raw.setSoTimeout(deadline.remainingMillis());
        tls.startHandshake();
        return tls;
    }
}
