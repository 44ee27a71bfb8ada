package io.pilotlight.cli;

import picocli.CommandLine.Option;

/** The --admin option of commands that talk to a running DNS server. */
final class AdminOption {
    @Option(names = "--admin", defaultValue = "127.0.0.1:5380", description = "Admin API of the running server, HOST:PORT, or https://HOST:PORT when it speaks TLS (default: ${DEFAULT-VALUE}).")
    String address;
}
