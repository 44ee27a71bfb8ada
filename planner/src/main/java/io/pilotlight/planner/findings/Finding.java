package io.pilotlight.planner.findings;

/**
 * Something the planner noticed in a design, with the evidence and how to fix it.
 *
 * @param code    stable identifier, e.g. {@code split-brain}, for scripts and suppressions
 * @param path    the topology field it is about
 * @param line    the line of that field in the file, 0 when unknown
 * @param origin  where the field came from when the topology was generated (e.g. {@code main.tf:12} of an
 *                imported Terraform configuration), or {@code null} when it was written by hand
 */
public record Finding(Severity severity, String code, String message, String evidence, String fix, String path, int line, String origin) {

    public Finding(Severity severity, String code, String message, String evidence, String fix, String path, int line) {
        this(severity, code, message, evidence, fix, path, line, null);
    }

    public Finding withLine(int newLine) {
        return new Finding(severity, code, message, evidence, fix, path, newLine, origin);
    }

    public Finding withOrigin(String newOrigin) {
        return new Finding(severity, code, message, evidence, fix, path, line, newOrigin);
    }
}
