package io.pilotlight.engine.postgres;

import java.util.Optional;

/**
 * The password of managed servers that take connections beyond loopback (servers of agents on several machines): given in
 * {@value #ENV} (never on a command line), it becomes the password of the {@code postgres} superuser and of the replication
 * user, every connection beyond loopback must give it (scram-sha-256), and every client of the engine sends it (JDBC,
 * PostgreSQL's programs through PGPASSWORD, a standby's primary_conninfo). Unset: a managed server trusts 127.0.0.0/8 only.
 */
public final class ServerPassword {
    public static final String ENV = "PILOTLIGHT_POSTGRES_PASSWORD";
    private static final String ALLOWED = "letters, digits and . _ ~ + / = - (at least 16)";

    private ServerPassword() {
    }

    /**
     * Refuses a managed server on a non-loopback address without a password (nobody else could connect to it, and trusting
     * the network would let anyone in), naming the variable to set; checks a password that is set.
     */
    public static void requireBeyondLoopback(String what, String host) {
        Optional<String> password = configured();
        boolean loopback;
        try {
            loopback = java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            loopback = false;
        }
        if (password.isEmpty() && !loopback) {
            throw new IllegalArgumentException(what + " would listen on " + host + ", beyond loopback, where it needs a password:"
                    + " set " + ENV + " (the same on every region's agent; e.g. openssl rand -base64 24)");
        }
    }

    static Optional<String> configured() {
        return parse(System.getenv(ENV));
    }

    /** The password, or a refusal naming what is allowed: it is written into conninfo strings and SQL, so no quoting is needed. */
    static Optional<String> parse(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() < 16 || !value.matches("[A-Za-z0-9._~+/=-]+")) {
            throw new IllegalArgumentException(ENV + " is not a usable password (" + value.length() + " characters): allowed are "
                    + ALLOWED + "; e.g. openssl rand -base64 24");
        }
        return Optional.of(value);
    }
}
