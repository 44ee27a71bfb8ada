package io.pilotlight.http.auth;

import java.nio.file.Path;

/** A token file that cannot be used as it is: names the file, the line and the field, and what is allowed. */
public final class TokenFileException extends IllegalArgumentException {
    public TokenFileException(Path file, int line, String field, String problem) {
        super(file + ":" + line + ": field \"" + field + "\": " + problem);
    }

    public TokenFileException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
