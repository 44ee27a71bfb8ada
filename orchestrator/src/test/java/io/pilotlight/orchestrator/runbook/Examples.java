package io.pilotlight.orchestrator.runbook;

import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.TopologyLoader;
import java.nio.file.Files;
import java.nio.file.Path;

final class Examples {
    private Examples() {
    }

    static Topology load(String name) throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("examples"))) {
            dir = dir.getParent();
        }
        return TopologyLoader.load(dir.resolve("examples").resolve(name + ".yaml")).topology();
    }
}
