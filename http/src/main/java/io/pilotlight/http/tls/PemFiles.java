package io.pilotlight.http.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files with the JDK alone (no BouncyCastle): certificates ({@code BEGIN CERTIFICATE}) and
 * unencrypted PKCS#8 private keys ({@code BEGIN PRIVATE KEY}). Every refusal names the file and says
 * what to do, because a wrong file is the most common TLS set-up mistake.
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    private static final String TO_PKCS8 = "convert it with: openssl pkcs8 -topk8 -nocrypt -in OLD.key -out NEW.key";

    private PemFiles() {
    }

    private record Block(String type, byte[] der) { }

    static List<X509Certificate> certificates(Path file, String what) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file, what)) {
                if (block.type().equals("CERTIFICATE")) {
                    if (block.der() == null) {
                        throw new TlsFileException(file, "a CERTIFICATE block of this " + what + " is not valid base64");
                    }
                    out.add((X509Certificate) x509.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new TlsFileException(file, "a CERTIFICATE block of this " + what + " is not a valid X.509 certificate: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new TlsFileException(file, "holds no -----BEGIN CERTIFICATE----- block; expected the " + what + " in PEM");
        }
        return out;
    }

    static PrivateKey privateKey(Path file) {
        List<Block> blocks = blocks(file, "private key");
        Block key = blocks.stream().filter(b -> b.type().endsWith("PRIVATE KEY")).findFirst()
                .orElseThrow(() -> new TlsFileException(file, "holds no -----BEGIN PRIVATE KEY----- block; expected the private key in PEM"
                        + (blocks.stream().anyMatch(b -> b.type().equals("CERTIFICATE")) ? " (this looks like a certificate: swap the two files?)" : "")));
        switch (key.type()) {
            case "PRIVATE KEY" -> { }
            case "ENCRYPTED PRIVATE KEY" -> throw new TlsFileException(file, "the private key is encrypted; Pilotlight reads unencrypted PKCS#8 keys"
                    + " (keep the file readable by its owner only): " + TO_PKCS8);
            default -> throw new TlsFileException(file, "the private key is \"" + key.type() + "\", not PKCS#8 (BEGIN PRIVATE KEY); " + TO_PKCS8);
        }
        if (key.der() == null) {
            throw new TlsFileException(file, "the PRIVATE KEY block is not valid base64");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(key.der());
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | IllegalArgumentException notThisOne) {
                // try the next algorithm
            }
        }
        throw new TlsFileException(file, "the PKCS#8 private key is damaged or of an algorithm this JDK does not know (RSA, EC and Ed25519 are)");
    }

    private static List<Block> blocks(Path file, String what) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException missing) {
            throw new TlsFileException(file, "no such file; expected the " + what + " in PEM");
        } catch (java.nio.charset.MalformedInputException binary) {
            throw new TlsFileException(file, "is not PEM (binary content; a DER file? convert it with openssl x509 -inform der"
                    + " or openssl pkcs8 -inform der); expected the " + what + " in PEM");
        } catch (IOException unreadable) {
            throw new TlsFileException(file, "cannot be read (" + unreadable + "); expected the " + what + " in PEM", unreadable);
        }
        List<Block> out = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(matcher.group(2).strip());
            } catch (IllegalArgumentException notBase64) {
                der = null; // e.g. an old-style encrypted key with Proc-Type headers: its type says more than the bytes
            }
            out.add(new Block(matcher.group(1), der));
        }
        if (out.isEmpty()) {
            throw new TlsFileException(file, "is not PEM (no -----BEGIN ...----- block); expected the " + what + " in PEM");
        }
        return out;
    }
}
