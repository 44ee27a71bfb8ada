package io.pilotlight.planner.findings;

/** ERROR fails the plan (exit code 1); WARNING and INFO are advice. */
public enum Severity {
    ERROR,
    WARNING,
    INFO
}
