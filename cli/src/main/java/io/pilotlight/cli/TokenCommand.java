package io.pilotlight.cli;

import picocli.CommandLine.Command;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Bearer tokens for Pilotlight's servers (see docs/security.md). Servers read the file given by",
            "--token-file or PILOTLIGHT_TOKEN_FILE; clients send the token in PILOTLIGHT_TOKEN."},
        subcommands = {TokenAddCommand.class, TokenListCommand.class})
final class TokenCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "use `pilotlight token add` or `pilotlight token list`");
    }
}
