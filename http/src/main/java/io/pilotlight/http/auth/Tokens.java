package io.pilotlight.http.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The entries of a token file, checked against a presented token. Immutable. */
public final class Tokens {
    private final List<TokenEntry> entries;

    public Tokens(List<TokenEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Tokens load(Path file) throws IOException {
        return new Tokens(TokenFile.read(file));
    }

    /** The entry whose hash the token matches; every entry is hashed (a few dozen SHA-256s at most), compared in constant time. */
    public Optional<TokenEntry> verify(String token) {
        TokenEntry found = null;
        for (TokenEntry entry : entries) {
            if (TokenHash.same(entry.hash(), TokenHash.hash(entry.salt(), token)) && found == null) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    public List<TokenEntry> entries() {
        return entries;
    }
}
