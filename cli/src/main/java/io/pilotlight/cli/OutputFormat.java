package io.pilotlight.cli;

import picocli.CommandLine;

/** What --format accepts. */
enum OutputFormat {
    text,
    json,
    markdown;

    /** For the commands that print text or JSON only: markdown is refused, never silently printed as text. */
    static OutputFormat textOrJson(OutputFormat format, CommandLine.Model.CommandSpec spec) {
        if (format == markdown) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format markdown is not available here; text or json");
        }
        return format;
    }
}
