package io.pilotlight.topology.load;

/**
 * One thing wrong with a topology file: where it is, which field, the bad value, and what is allowed.
 *
 * @param file   the file as the user named it
 * @param line   1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param path   field path such as {@code services.api.health_check.failure_threshold}
 * @param value  the offending value as written, or {@code null} when the field is missing
 * @param message what is wrong and what is allowed
 */
public record Problem(String file, int line, int column, String path, String value, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line + ":" + column : file;
        String field = path.isEmpty() ? "" : " " + path + ":";
        return where + ":" + field + " " + message;
    }
}
