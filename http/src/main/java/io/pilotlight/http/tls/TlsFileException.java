package io.pilotlight.http.tls;

import java.nio.file.Path;

/** A PEM file that cannot be used as it is: names the file, what it was meant to hold, what is wrong and how to fix it. */
public final class TlsFileException extends IllegalArgumentException {
    public TlsFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public TlsFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
