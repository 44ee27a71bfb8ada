package io.pilotlight.drill.history;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The drills that ran, one JSON object a line ({@code .pilotlight/drills/history.jsonl} by default).
 * Appending never rewrites earlier lines; reading skips a corrupt line with a warning naming the file
 * and the line, so one bad line never loses the rest.
 */
public final class DrillHistory {
    public static final Path DEFAULT_FILE = Path.of(".pilotlight/drills/history.jsonl");

    private final Path file;

    public DrillHistory(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The records that could be read, oldest line first, and a warning for each line skipped. */
    public record Contents(List<DrillRecord> records, List<String> warnings) {
    }

    /** A missing file is an empty history. */
    public Contents read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return new Contents(List.of(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the drill history " + file + ": " + e.getMessage(), e);
        }
        List<DrillRecord> records = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                records.add(DrillRecordJson.fromLine(lines.get(i)));
            } catch (IllegalArgumentException corrupt) {
                warnings.add("warning: " + file + " line " + (i + 1) + " skipped: " + corrupt.getMessage());
            }
        }
        return new Contents(List.copyOf(records), List.copyOf(warnings));
    }

    /** Appends one line; a last line left without its newline (a writer that died) is closed first. */
    public synchronized void append(DrillRecord record) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        String line = DrillRecordJson.toLine(record) + "\n";
        if (!endsWithNewline()) {
            line = "\n" + line;
        }
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private boolean endsWithNewline() throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return true;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(raf.length() - 1);
            return raf.read() == '\n';
        }
    }
}
