package io.pilotlight.orchestrator.runbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The audit log: one JSON line per event, appended and synced, readable by operators and tools. */
public final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    public synchronized void append(AuditEntry entry) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file, e);
        }
    }

    public synchronized List<AuditEntry> read() {
        List<AuditEntry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    entries.add(JSON.readValue(line, AuditEntry.class));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
    }
}
