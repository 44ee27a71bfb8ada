package io.pilotlight.http.auth;

/** Who makes a call, as the token filter knows it: a token-file entry or a client certificate; {@code region} only for an agent. */
public record Caller(String name, Role role, String region) {
    static Caller of(TokenEntry entry) {
        return new Caller(entry.name(), entry.role(), entry.region());
    }
}
