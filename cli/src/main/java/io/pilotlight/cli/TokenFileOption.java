package io.pilotlight.cli;

import io.pilotlight.http.auth.ServerAuth;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --token-file option of every server (falling back to PILOTLIGHT_TOKEN_FILE); see docs/security.md. */
final class TokenFileOption {
    @Option(names = "--token-file", paramLabel = "FILE",
            description = {"Tokens allowed to call this server (from `pilotlight token add`); default: $PILOTLIGHT_TOKEN_FILE.",
                "Without one the server answers anyone and may listen on loopback addresses only."})
    Path tokenFile;

    ServerAuth resolve(boolean requireTokenForData) throws IOException {
        return ServerAuth.resolve(tokenFile, System.getenv(), requireTokenForData);
    }

    /** The token file: the option, else the environment variable, else null. */
    Path path() {
        if (tokenFile != null) {
            return tokenFile;
        }
        String fromEnv = System.getenv(ServerAuth.TOKEN_FILE_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }

    ServerAuth resolve() throws IOException {
        return resolve(false);
    }
}
