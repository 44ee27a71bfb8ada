package io.pilotlight.http.auth;

/** One line of a token file: who, which role, the region of an agent (null otherwise), and the salted hash of the token. */
public record TokenEntry(String name, Role role, String region, String salt, String hash) {
}
