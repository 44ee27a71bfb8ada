package io.pilotlight.terraform;

/**
 * Where a value was written: a file and a 1-based line, or {@link #UNKNOWN_LINE} when the parser gave none
 * and the source index could not find it either.
 */
public record Origin(String file, int line) {
    public static final int UNKNOWN_LINE = 0;

    public static Origin nowhere() {
        return new Origin("(not in Terraform)", UNKNOWN_LINE);
    }

    public boolean known() {
        return line > 0;
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file + ":? (line unknown)";
    }
}
