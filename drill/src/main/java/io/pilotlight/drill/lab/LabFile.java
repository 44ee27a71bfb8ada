package io.pilotlight.drill.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code lab up} records in {@code STATE_DIR/lab.json}: its supervisor, the pid of each
 * process it started, the round trip between regions and every link's control API.
 */
public record LabFile(long supervisor, JsonNode processes, long roundTripMillis, List<JsonNode> links) {
    public static final String NAME = "lab.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static LabFile read(Path stateDir) throws IOException {
        JsonNode lab = JSON.readTree(stateDir.resolve(NAME).toFile());
        List<JsonNode> links = new ArrayList<>();
        lab.path("links").forEach(links::add);
        return new LabFile(lab.path("supervisor").asLong(), lab.path("processes"), lab.path("round_trip_ms").asLong(0), links);
    }

    /** The lab in that directory, if its supervisor is alive. */
    public static Optional<LabFile> running(Path stateDir) {
        try {
            LabFile lab = read(stateDir);
            return ProcessHandle.of(lab.supervisor()).filter(ProcessHandle::isAlive).map(alive -> lab);
        } catch (IOException none) {
            return Optional.empty();
        }
    }

    /** A started process by name, e.g. store-us-east-1. */
    public Optional<ProcessHandle> process(String name) {
        return processes.has(name) ? ProcessHandle.of(processes.path(name).asLong()) : Optional.empty();
    }

    public List<ProcessHandle> processHandles() {
        List<ProcessHandle> handles = new ArrayList<>();
        processes.forEach(pid -> ProcessHandle.of(pid.asLong()).ifPresent(handles::add));
        return handles;
    }
}
