package io.pilotlight.http.auth;

import java.net.InetSocketAddress;

/** A server with control endpoints was asked to listen beyond this machine with no token file or mutual TLS; the next action: give it one. */
public final class UnprotectedListenerException extends IllegalArgumentException {
    public UnprotectedListenerException(String server, InetSocketAddress listen) {
        super(server + " would listen on " + listen.getHostString() + ":" + listen.getPort()
                + ", which is not a loopback address, with its control endpoints open to anyone; give it a token file with --token-file FILE"
                + " or the environment variable " + ServerAuth.TOKEN_FILE_ENV + " (create one with `pilotlight token add`),"
                + " or require client certificates: --tls-cert FILE --tls-key FILE --tls-ca FILE (mutual TLS)");
    }
}
