package io.pilotlight.http.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * The user's TLS files, all PEM: this process's certificate chain (its own certificate first), its
 * private key (unencrypted PKCS#8, {@code BEGIN PRIVATE KEY}) and the CA bundle that peers'
 * certificates must chain to. Certificate and key come together or not at all; a client may have
 * only a CA (it then verifies servers but shows no certificate). {@link #load} reads and checks them.
 */
public record TlsFiles(Path certificate, Path privateKey, Path trustedCa) {
    public static final String CERT_ENV = "PILOTLIGHT_TLS_CERT";
    public static final String KEY_ENV = "PILOTLIGHT_TLS_KEY";
    public static final String CA_ENV = "PILOTLIGHT_TLS_CA";

    public TlsFiles {
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException(certificate == null
                    ? "a TLS private key (" + privateKey + ") needs its certificate: --tls-cert FILE or " + CERT_ENV
                    : "a TLS certificate (" + certificate + ") needs its private key: --tls-key FILE or " + KEY_ENV);
        }
        if (certificate == null && trustedCa == null) {
            throw new IllegalArgumentException("TLS needs a certificate and key, a CA bundle, or both");
        }
    }

    /** Each file from its option when given, else from {@code PILOTLIGHT_TLS_CERT/KEY/CA}; null when none is set anywhere. */
    public static TlsFiles resolve(Path certOption, Path keyOption, Path caOption, Map<String, String> env) {
        Path cert = certOption != null ? certOption : fromEnv(env, CERT_ENV);
        Path key = keyOption != null ? keyOption : fromEnv(env, KEY_ENV);
        Path ca = caOption != null ? caOption : fromEnv(env, CA_ENV);
        return cert == null && key == null && ca == null ? null : new TlsFiles(cert, key, ca);
    }

    private static Path fromEnv(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : Path.of(value.strip());
    }

    public boolean hasCertificate() {
        return certificate != null;
    }

    /** Reads every file; a {@link TlsFileException} names the first file that is missing, not PEM, or whose key is not the certificate's. */
    public TlsMaterial load() {
        List<X509Certificate> chain = certificate == null ? List.of() : PemFiles.certificates(certificate, "certificate chain");
        PrivateKey key = privateKey == null ? null : PemFiles.privateKey(privateKey);
        if (key != null && !matches(key, chain.get(0).getPublicKey())) {
            throw new TlsFileException(privateKey, "this private key does not belong to the certificate " + chain.get(0).getSubjectX500Principal()
                    + " in " + certificate + " (compare `openssl x509 -noout -pubkey -in CERT` with `openssl pkey -pubout -in KEY`)");
        }
        List<X509Certificate> trusted = trustedCa == null ? List.of() : PemFiles.certificates(trustedCa, "CA bundle");
        return new TlsMaterial(chain, key, trusted, this);
    }

    /** Whether the key signs what the certificate's public key verifies: works for RSA, EC and EdDSA alike. */
    private static boolean matches(PrivateKey key, PublicKey certified) {
        if (!key.getAlgorithm().equals(certified.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        try {
            byte[] challenge = "pilotlight key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(challenge);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(certified);
            verify.update(challenge);
            return verify.verify(signature);
        } catch (GeneralSecurityException | RuntimeException cannotTell) {
            return false;
        }
    }
}
