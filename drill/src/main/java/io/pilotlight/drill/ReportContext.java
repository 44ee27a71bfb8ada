package io.pilotlight.drill;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What the report says about the run besides the measurements: when it ran, with which Pilotlight,
 * on which topology file, and where its files are.
 *
 * @param startedAt    when the drill command started (the fault instant is in the report itself)
 * @param version      e.g. "pilotlight 0.4.0"
 * @param topologyFile the file as the user named it
 * @param reportDir    the directory receiving report.html and report.json
 */
public record ReportContext(Instant startedAt, String version, Path topologyFile, Path reportDir) {
    public Path html() {
        return reportDir.resolve("report.html");
    }

    public Path json() {
        return reportDir.resolve("report.json");
    }
}
