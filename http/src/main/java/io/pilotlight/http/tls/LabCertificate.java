package io.pilotlight.http.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The lab's certificate for services whose health check is HTTPS: self-signed, made once per lab by the JDK's own
 * {@code keytool} into a PKCS12 file, naming the lab's addresses and names (so clients that verify it, the drill's,
 * can). The service serves with it ({@link #serverTls}); the drill's clients trust exactly it ({@link #clientContext}).
 * Route 53's HTTPS checks, and the health checker's, do not verify certificates unless told to.
 */
public final class LabCertificate {
    /** Not a secret: the file is the lab's own, in its state directory. */
    private static final char[] PASSWORD = "pilotlight-lab".toCharArray();
    private static final String ALIAS = "lab";

    private LabCertificate() {
    }

    /** Makes {@code file} unless it is there: an EC P-256 key and a certificate for {@code addresses} (IPs) and {@code names}. */
    public static Path ensure(Path file, Collection<String> addresses, Collection<String> names) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<String> san = new ArrayList<>();
        addresses.stream().distinct().forEach(a -> san.add("ip:" + a));
        names.stream().distinct().forEach(n -> san.add("dns:" + n));
        san.add("dns:localhost");
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=pilotlight-lab", "-ext", "SAN=" + String.join(",", san),
                "-validity", "365", "-keystore", partial.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IOException("keytool could not make the lab's certificate " + file + ": " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the lab's certificate", e);
        }
        try {
            // the certificate alone, in PEM, for what trusts it without the key (PILOTLIGHT_HEALTH_TRUST of the health checks)
            X509Certificate certificate = (X509Certificate) load(partial).getCertificate(ALIAS);
            String pem = "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
            Files.writeString(pem(file), pem);
        } catch (GeneralSecurityException e) {
            throw new IOException("the lab's certificate " + partial + " cannot be read back: " + e.getMessage(), e);
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** The certificate alone, in PEM, next to the PKCS12 file. */
    public static Path pem(Path file) {
        return file.resolveSibling(file.getFileName().toString().replaceAll("\\.p12$", "") + ".pem");
    }

    /** The service's side: its key and certificate. */
    public static ServerTls serverTls(Path file) throws IOException {
        KeyStore store = load(file);
        try {
            PrivateKey key = (PrivateKey) store.getKey(ALIAS, PASSWORD);
            X509Certificate certificate = (X509Certificate) store.getCertificate(ALIAS);
            return ServerTls.of(new TlsMaterial(List.of(certificate), key, List.of(), null), ClientAuthMode.NONE);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " holds no usable key: " + e.getMessage(), e);
        }
    }

    /** A client's side: trusts the lab's certificate and nothing else. */
    public static SSLContext clientContext(Path file) throws IOException {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry(ALIAS, load(file).getCertificate(ALIAS));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust the lab's certificate " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not the lab's PKCS12 certificate: " + e.getMessage(), e);
        }
    }
}
