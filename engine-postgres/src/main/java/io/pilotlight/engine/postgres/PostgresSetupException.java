package io.pilotlight.engine.postgres;

/**
 * A managed PostgreSQL server cannot be set up or started as asked (binaries missing, a data
 * directory owned by root, a port in use, a command that failed); the message says what to do.
 */
public final class PostgresSetupException extends RuntimeException {
    public PostgresSetupException(String message) {
        super(message);
    }

    public PostgresSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
