package io.pilotlight.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Tokens and their hashes. A token is 256 bits from {@link SecureRandom}: nobody can guess one or
 * search for one, so unlike a password it needs no slow hash (bcrypt, scrypt) to resist a
 * dictionary; one SHA-256 over a per-entry salt and the token is enough, and it is cheap to check on
 * every request (a slow hash would cost milliseconds of CPU per call). The salt makes two entries
 * with the same token (a copy pasted twice) look different in the file.
 */
public final class TokenHash {
    private static final HexFormat HEX = HexFormat.of();

    private TokenHash() {
    }

    /** A new token: 32 random bytes, base64url without padding, prefixed {@code plt_} so it is recognisable in a leak scan. */
    public static String newToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "plt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String newSalt(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /** hex(SHA-256(salt bytes || token UTF-8)). */
    public static String hash(String salt, String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HEX.parseHex(salt));
            return HEX.formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Constant-time comparison of two hex hashes. */
    static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
