package io.pilotlight.drill.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A drill takes minutes: every path it will write is checked before the lab starts, so a report
 * directory that is a file, or a history in a read-only place, is bad input at once (exit 2) rather
 * than an error after the whole drill. The messages name the option and the path.
 */
public final class DrillOutputs {
    private DrillOutputs() {
    }

    /**
     * Checks that the report directory (it will receive report.html and report.json) can be created and
     * written, by creating it with a file in it; what the check created is removed again, so a drill that
     * fails later leaves no empty report directory behind.
     */
    public static void checkReportDir(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + dir + " is a file, not a directory; give a directory for report.html and report.json");
        }
        Path absolute = dir.toAbsolutePath();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            Files.createDirectories(absolute);
            Path probe = Files.createTempFile(absolute, ".write-check", ".tmp");
            Files.delete(probe);
            for (Path created = absolute; existing != null && !created.equals(existing); created = created.getParent()) {
                Files.delete(created);
            }
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(option + " " + dir + " cannot be written: " + describe(e));
        }
    }

    /** The history is appended to: it must be a file (or not exist yet) in a directory that can be written. */
    public static void checkHistory(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a directory; give the history file, e.g. " + file.resolve("history.jsonl"));
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(option + " " + file + " cannot be appended to: " + describe(e));
        }
    }

    private static String describe(Exception e) {
        String what = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? what : what + " (" + e.getMessage() + ")";
    }
}
