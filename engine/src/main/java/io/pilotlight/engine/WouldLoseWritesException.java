package io.pilotlight.engine;

/** A promotion refused because another copy may hold acknowledged writes the new writer lacks (sync mode, RPO 0). */
public final class WouldLoseWritesException extends EngineException {
    public WouldLoseWritesException(String message) {
        super(message);
    }
}
