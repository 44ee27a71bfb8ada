package io.pilotlight.store;

/** This node does not accept writes: send them to {@link #writerRegion()} (null while no writer is known). */
public final class NotWriterException extends StoreException {
    private final String writerRegion;

    public NotWriterException(String writerRegion, String message) {
        super(message);
        this.writerRegion = writerRegion;
    }

    public String writerRegion() {
        return writerRegion;
    }
}
