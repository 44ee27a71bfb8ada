package io.pilotlight.planner.findings;

/**
 * Something the planner noticed in a design, with the evidence and how to fix it.
 *
 * @param code    stable identifier, e.g. {@code split-brain}, for scripts and suppressions
 * @param path    the topology field it is about
 * @param line    the line of that field in the file, 0 when unknown
 */
public record Finding(Severity severity, String code, String message, String evidence, String fix, String path, int line) {

    public Finding withLine(int newLine) {
        return new Finding(severity, code, message, evidence, fix, path, newLine);
    }
}
