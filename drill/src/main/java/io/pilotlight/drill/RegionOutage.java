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
        return "killing region " + region + " (its store node or PostgreSQL server and " + service + " instances)";
    }

    /** The region's PostgreSQL server (pg_ctl started it apart from its keeper): its postmaster and every process under it. */
    static void killPostgres(Path pidFile) throws java.io.IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
        if (first.matches("\\d+")) {
            ProcessHandle.of(Long.parseLong(first)).ifPresent(postmaster -> {
                var children = postmaster.descendants().toList();
                postmaster.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            });
        }
    }

    @Override
    public boolean targetSurvives() {
        return false;
    }

    @Override
    public void inject() throws Exception {
        LabFile.read(labState).process("store-" + region).ifPresent(ProcessHandle::destroyForcibly);
        killPostgres(labState.resolve("pg").resolve(region).resolve("data").resolve("postmaster.pid"));
        Path instances = labState.resolve("controller/instances.json");
        if (Files.exists(instances)) {
            JSON.readTree(instances.toFile()).path(service + "@" + region)
                    .forEach(pid -> ProcessHandle.of(pid.asLong()).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
