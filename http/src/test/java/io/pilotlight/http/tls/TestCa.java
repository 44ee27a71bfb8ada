package io.pilotlight.http.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made by a test with the {@code openssl} command (as a user would make one,
 * see docs/security.md), in a directory the test owns: the CA ({@code ca.pem}, {@code ca.key}) and
 * certificates it issues, each with an EC P-256 key in PKCS#8 PEM, usable as both server and client
 * certificate (an agent is both), with subject alternative names {@code IP:127.0.0.1},
 * {@code DNS:localhost} and any addresses given. Shared with other modules' tests (the http test-jar).
 */
public final class TestCa {
    private static final String OPENSSL = Files.isExecutable(Path.of("/usr/bin/openssl")) ? "/usr/bin/openssl" : "openssl";
    private final Path dir;
    private final String name;

    private TestCa(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    /** A new CA named {@code name} in {@code dir} (created if needed). */
    public static TestCa create(Path dir, String name) throws IOException, InterruptedException {
        Path absolute = Files.createDirectories(dir).toAbsolutePath(); // openssl runs in it: relative paths would not resolve
        TestCa ca = new TestCa(absolute, name);
        openssl(absolute, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", ca.key().toString(), "-out", ca.certificate().toString(), "-days", "2", "-subj", "/CN=" + name,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return ca;
    }

    public Path certificate() {
        return dir.resolve(name + "-ca.pem");
    }

    private Path key() {
        return dir.resolve(name + "-ca.key");
    }

    /**
     * A certificate for subject {@code CN=commonName} (e.g. {@code agent.east}), signed by this CA, and
     * its files with this CA as the trusted bundle. {@code addresses} are extra IP SANs.
     */
    public TlsFiles issue(String commonName, String... addresses) throws IOException, InterruptedException {
        String base = name + "-" + commonName.replaceAll("[^A-Za-z0-9.-]", "_");
        Path key = dir.resolve(base + ".key");
        Path request = dir.resolve(base + ".csr");
        Path certificate = dir.resolve(base + ".pem");
        Path extensions = dir.resolve(base + ".ext");
        List<String> names = new ArrayList<>(List.of("IP:127.0.0.1", "DNS:localhost"));
        for (String address : addresses) {
            names.add("IP:" + address);
        }
        Files.writeString(extensions, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                + "extendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=" + String.join(",", names) + "\n", StandardCharsets.US_ASCII);
        openssl(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", request.toString(), "-subj", "/CN=" + commonName);
        openssl(dir, "x509", "-req", "-in", request.toString(), "-CA", certificate().toString(), "-CAkey", key().toString(),
                "-CAcreateserial", "-out", certificate.toString(), "-days", "2", "-extfile", extensions.toString());
        return new TlsFiles(certificate, key, certificate());
    }

    /** Files that trust this CA and show no certificate (a client without one). */
    public TlsFiles trustOnly() {
        return new TlsFiles(null, null, certificate());
    }

    /** Runs {@code openssl ARGS} in {@code dir}; fails with its output when it does not exit 0. */
    public static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }
}
