package io.pilotlight.cli;

/** The exit codes every subcommand uses. */
final class ExitCodes {
    static final int OK = 0;
    static final int OBJECTIVE_MISSED = 1;
    static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
