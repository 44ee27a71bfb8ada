package io.pilotlight.dns.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Control states on disk, written atomically (temp file, fsync, rename) so a crash never leaves half a file. */
final class ControlStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    ControlStore(Path file) {
        this.file = file;
    }

    Map<String, ControlState> load() {
        Map<String, ControlState> states = new LinkedHashMap<>();
        if (file == null || !Files.exists(file)) {
            return states;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            root.path("controls").fields().forEachRemaining(entry -> {
                JsonNode node = entry.getValue();
                states.put(entry.getKey(), new ControlState(entry.getKey(), node.path("on").asBoolean(true),
                        node.hasNonNull("changed_at") ? Instant.parse(node.get("changed_at").asText()) : null,
                        node.path("changed_by").asText(null), node.path("reason").asText(null)));
            });
            return states;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("routing control state " + file + " cannot be read: " + e.getMessage()
                    + "; fix or remove the file (every control then starts on)", e);
        }
    }

    void save(Map<String, ControlState> states) {
        if (file == null) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode controls = root.putObject("controls");
        states.forEach((name, state) -> {
            ObjectNode node = controls.putObject(name);
            node.put("on", state.on());
            node.put("changed_at", state.changedAt() == null ? null : state.changedAt().toString());
            node.put("changed_by", state.changedBy());
            node.put("reason", state.reason());
        });
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(root)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save routing control state to " + file, e);
        }
    }
}
