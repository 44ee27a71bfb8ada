package io.pilotlight.dns.control;

/**
 * The routing-control store did not answer (e.g. etcd unreachable): nothing was changed, and the
 * DNS server keeps answering from the last state it knows. Try again when the store answers.
 */
public final class ControlStoreUnavailableException extends RuntimeException {
    public ControlStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
