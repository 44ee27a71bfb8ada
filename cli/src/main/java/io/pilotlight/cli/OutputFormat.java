package io.pilotlight.cli;

/** What --format accepts. */
enum OutputFormat {
    text,
    json,
    markdown
}
