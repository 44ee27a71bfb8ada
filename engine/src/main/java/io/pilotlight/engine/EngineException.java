package io.pilotlight.engine;

/** An engine refused or failed an operation; the message says why in plain words, naming the region. */
public class EngineException extends Exception {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
