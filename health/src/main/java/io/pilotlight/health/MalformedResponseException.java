package io.pilotlight.health;

import java.io.IOException;

/** The endpoint answered, but not with HTTP we can read; the message says what was wrong in plain words. */
final class MalformedResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
        super(message);
    }
}
