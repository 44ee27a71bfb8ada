package io.pilotlight.sample;

import java.util.Optional;

/** Where the sample service keeps its items: the embedded store ({@link StoreItems}) or PostgreSQL ({@link JdbcItems}). */
interface Items extends AutoCloseable {

    /** Written through the writer; returns the acknowledgement as a JSON object's fields (without braces). */
    String put(String id, String value) throws Unavailable;

    /** Read in this instance's region. */
    Optional<String> get(String id) throws Unavailable;

    /** Null when this region can serve writes, else why not (the deep part of {@code /healthz}). */
    String problem();

    @Override
    default void close() {
    }

    /** The store cannot take or give the item now: the service answers 503 with the reason. */
    final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
