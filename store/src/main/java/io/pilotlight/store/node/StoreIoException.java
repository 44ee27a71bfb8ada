package io.pilotlight.store.node;

/** The disk refused a read or write; the node stops acknowledging rather than guess. */
public final class StoreIoException extends RuntimeException {
    public StoreIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
