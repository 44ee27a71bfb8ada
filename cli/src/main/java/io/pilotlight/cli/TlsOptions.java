package io.pilotlight.cli;

import io.pilotlight.http.tls.ClientAuthMode;
import io.pilotlight.http.tls.ClientTls;
import io.pilotlight.http.tls.ServerTls;
import io.pilotlight.http.tls.TlsFiles;
import io.pilotlight.http.tls.TlsMaterial;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --tls-* options of every server (falling back to PILOTLIGHT_TLS_CERT, _KEY and _CA); see docs/security.md. */
final class TlsOptions {
    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = {"Serve HTTPS with this certificate chain (PEM, own certificate first); default: $PILOTLIGHT_TLS_CERT.",
                "Agents use CN=agent.REGION (see docs/security.md). The process's own clients show it too."})
    Path certificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The certificate's private key (PEM, unencrypted PKCS#8); default: $PILOTLIGHT_TLS_KEY.")
    Path privateKey;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "CA bundle (PEM) that peers' and clients' certificates must chain to; default: $PILOTLIGHT_TLS_CA.")
    Path trustedCa;

    @Option(names = "--tls-client-auth", paramLabel = "MODE",
            description = {"required (mutual TLS: no connection without a certificate from the CA), optional (clients without one",
                "must show a token) or none; default: required when there is a CA bundle, else none."})
    String clientAuth;

    /** The TLS files as environment variables, for child processes that must reach the same servers (empty without TLS). */
    java.util.Map<String, String> environment() {
        TlsFiles files = TlsFiles.resolve(certificate, privateKey, trustedCa, System.getenv());
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        if (files != null) {
            if (files.certificate() != null) {
                env.put(TlsFiles.CERT_ENV, files.certificate().toAbsolutePath().toString());
                env.put(TlsFiles.KEY_ENV, files.privateKey().toAbsolutePath().toString());
            }
            if (files.trustedCa() != null) {
                env.put(TlsFiles.CA_ENV, files.trustedCa().toAbsolutePath().toString());
            }
        }
        return env;
    }

    /**
     * The server's TLS, or null for plain HTTP (no certificate given). From here on this process's
     * clients (a replica's log pulls, lease calls, etcd) use the same files, so an agent shows its
     * own certificate to its peers. A bad file stops the server with the file's name.
     */
    ServerTls resolve() {
        TlsFiles files = TlsFiles.resolve(certificate, privateKey, trustedCa, System.getenv());
        TlsMaterial material = files == null ? null : files.load();
        if (material != null) {
            ClientTls.use(material);
        }
        if (material == null || !material.hasCertificate()) {
            if (clientAuth != null) {
                throw new IllegalArgumentException("--tls-client-auth needs a server certificate: --tls-cert FILE --tls-key FILE"
                        + " (or " + TlsFiles.CERT_ENV + " and " + TlsFiles.KEY_ENV + ")");
            }
            return null;
        }
        ClientAuthMode mode = clientAuth != null ? ClientAuthMode.parse(clientAuth)
                : material.trusted().isEmpty() ? ClientAuthMode.NONE : ClientAuthMode.REQUIRED;
        return ServerTls.of(material, mode);
    }
}
