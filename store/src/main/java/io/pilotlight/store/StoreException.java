package io.pilotlight.store;

/** A write or read the store refused, with what to do next in the message. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }
}
