package io.pilotlight.store;

/** A conditional put found another version than the one it was given. */
public final class VersionMismatchException extends StoreException {
    private final long currentVersion;

    public VersionMismatchException(long currentVersion, long expected) {
        super("version mismatch: the key is at version " + currentVersion + ", the write expected " + expected);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
