package io.pilotlight.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.drill.lab.LabFile;
import java.nio.file.Files;
import java.nio.file.Path;

/** The region is gone: its store node and its service instances are killed (SIGKILL). */
public record RegionOutage(Path labState, String service, String region) implements Fault {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String scenario() {
        return "region-outage";
    }

    @Override
    public String describe() {
        return "killing region " + region + " (its store node and " + service + " instances)";
    }

    @Override
    public void inject() throws Exception {
        LabFile.read(labState).process("store-" + region).ifPresent(ProcessHandle::destroyForcibly);
        Path instances = labState.resolve("controller/instances.json");
        if (Files.exists(instances)) {
            JSON.readTree(instances.toFile()).path(service + "@" + region)
                    .forEach(pid -> ProcessHandle.of(pid.asLong()).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
