package io.pilotlight.terraform;

/** A Terraform file that is not valid HCL (or a plan file that is not JSON): fix the file at file:line:column. */
public final class TerraformSyntaxException extends Exception {
    private final String file;
    private final int line;
    private final int column;

    public TerraformSyntaxException(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
