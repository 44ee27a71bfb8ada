package io.pilotlight.http.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad TLS files are refused with the file's name, what is wrong and how to fix it; good ones load. */
class TlsFilesTest {
    @TempDir
    Path dir;
    private TestCa ca;
    private TlsFiles east;

    @BeforeEach
    void ca() throws Exception {
        ca = TestCa.create(dir, "test");
        east = ca.issue("agent.east");
    }

    @Test
    void goodFilesLoad() {
        TlsMaterial material = east.load();
        assertThat(material.chain()).hasSize(1);
        assertThat(material.chain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=agent.east");
        assertThat(material.trusted()).hasSize(1);
        assertThat(material.clientContext()).isNotNull();
        assertThat(ServerTls.of(material, ClientAuthMode.REQUIRED).requiresClientCertificates()).isTrue();
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> new TlsFiles(missing, east.privateKey(), east.trustedCa()).load())
                .isInstanceOf(TlsFileException.class).hasMessageStartingWith(missing + ": no such file; expected the certificate chain in PEM");
    }

    @Test
    void aFileThatIsNotPemIsNamed() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello, not a certificate\n");
        assertThatThrownBy(() -> new TlsFiles(east.certificate(), east.privateKey(), garbage).load())
                .isInstanceOf(TlsFileException.class).hasMessageStartingWith(garbage + ": is not PEM").hasMessageContaining("CA bundle");
        Path der = dir.resolve("cert.der");
        TestCa.openssl(dir, "x509", "-in", east.certificate().toString(), "-outform", "der", "-out", der.toString());
        assertThatThrownBy(() -> new TlsFiles(der, east.privateKey(), null).load())
                .isInstanceOf(TlsFileException.class).hasMessageStartingWith(der.toString()).hasMessageContaining("not PEM");
    }

    @Test
    void aKeyThatIsNotPkcs8SaysHowToConvertIt() throws Exception {
        Path traditional = dir.resolve("traditional.key");
        TestCa.openssl(dir, "pkey", "-in", east.privateKey().toString(), "-traditional", "-out", traditional.toString());
        assertThat(Files.readString(traditional)).contains("BEGIN EC PRIVATE KEY");
        assertThatThrownBy(() -> new TlsFiles(east.certificate(), traditional, null).load())
                .isInstanceOf(TlsFileException.class).hasMessageStartingWith(traditional + ": the private key is \"EC PRIVATE KEY\", not PKCS#8")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        TlsFiles west = ca.issue("agent.west");
        assertThatThrownBy(() -> new TlsFiles(east.certificate(), west.privateKey(), null).load())
                .isInstanceOf(TlsFileException.class).hasMessageStartingWith(west.privateKey() + ": this private key does not belong to the certificate CN=agent.east");
    }

    @Test
    void certificateAndKeySwappedAreNamed() {
        assertThatThrownBy(() -> new TlsFiles(east.privateKey(), east.certificate(), null).load())
                .isInstanceOf(TlsFileException.class).hasMessageStartingWith(east.privateKey() + ": holds no -----BEGIN CERTIFICATE----- block");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        assertThatThrownBy(() -> TlsFiles.resolve(east.certificate(), null, null, Map.of()))
                .hasMessageContaining("needs its private key: --tls-key FILE or PILOTLIGHT_TLS_KEY");
        assertThat(TlsFiles.resolve(null, null, null, Map.of())).isNull();
        assertThat(TlsFiles.resolve(null, null, null, Map.of("PILOTLIGHT_TLS_CA", "/x/ca.pem")).trustedCa()).isEqualTo(Path.of("/x/ca.pem"));
    }

    @Test
    void clientAuthWithoutACaIsRefused() {
        TlsMaterial noCa = new TlsFiles(east.certificate(), east.privateKey(), null).load();
        assertThatThrownBy(() -> ServerTls.of(noCa, ClientAuthMode.REQUIRED)).hasMessageContaining("--tls-client-auth required needs the CA bundle");
        assertThatThrownBy(() -> ClientAuthMode.parse("maybe")).hasMessageContaining("expected required, optional or none");
    }
}
