package io.pilotlight.http.tls;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The PEM files come from the user: whatever a certificate, key or CA file holds (text, binary,
 * PEM frames around random bytes, other block types, truncations), loading it fails with a
 * {@link TlsFileException} that starts with the file's name; never another exception.
 */
class PemFilesFuzzTest {
    private static TlsFiles good;
    private static Path dir;

    private static synchronized TlsFiles good() throws Exception {
        if (good == null) {
            dir = Files.createDirectories(Path.of("target", "pem-fuzz")); // under the build folder: cleaned with it
            good = TestCa.create(dir, "fuzz").issue("agent.east");
        }
        return good;
    }

    @Property(tries = 300)
    void anyCertificateFileIsAClearRefusal(@ForAll("pemish") byte[] content) throws Exception {
        Path file = Files.write(good().certificate().resolveSibling("cert-" + System.nanoTime() + ".pem"), content);
        assertThatThrownBy(() -> new TlsFiles(file, good().privateKey(), null).load())
                .isInstanceOf(TlsFileException.class).hasMessageStartingWith(file + ": ");
        Files.delete(file);
    }

    @Property(tries = 300)
    void anyKeyFileIsAClearRefusal(@ForAll("pemish") byte[] content) throws Exception {
        Path file = Files.write(good().certificate().resolveSibling("key-" + System.nanoTime() + ".pem"), content);
        assertThatThrownBy(() -> new TlsFiles(good().certificate(), file, null).load())
                .isInstanceOf(TlsFileException.class).hasMessageStartingWith(file + ": ");
        Files.delete(file);
    }

    @Property(tries = 200)
    void anyCaFileIsAClearRefusal(@ForAll("pemish") byte[] content) throws Exception {
        Path file = Files.write(good().certificate().resolveSibling("ca-" + System.nanoTime() + ".pem"), content);
        assertThatThrownBy(() -> new TlsFiles(null, null, file).load())
                .isInstanceOf(TlsFileException.class).hasMessageStartingWith(file + ": ");
        Files.delete(file);
    }

    @Provide
    Arbitrary<byte[]> pemish() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<String> type = Arbitraries.of("CERTIFICATE", "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "X");
        Arbitrary<byte[]> framed = net.jqwik.api.Combinators.combine(type, random, Arbitraries.integers().between(0, 100)).as((t, bytes, cut) -> {
            String pem = "-----BEGIN " + t + "-----\n" + Base64.getMimeEncoder().encodeToString(bytes) + "\n-----END " + t + "-----\n";
            return pem.substring(0, Math.max(0, pem.length() - (cut > 90 ? cut : 0))).getBytes(StandardCharsets.US_ASCII);
        });
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(300).map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(random, framed, text);
    }
}
