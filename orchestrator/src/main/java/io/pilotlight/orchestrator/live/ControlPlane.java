package io.pilotlight.orchestrator.live;

import io.pilotlight.orchestrator.runbook.ProgressStore;
import java.nio.file.Path;

/**
 * What a controller shares with the other controllers of a deployment: who may act, the primary
 * record and the runbooks' progress. {@link #local} is the one-machine default: files in the state
 * directory and no election.
 */
public record ControlPlane(Leadership leadership, PrimaryRecord primary, ProgressStore progress) {
    public static ControlPlane local(Path stateDir, String initialPrimary) {
        return new ControlPlane(Leadership.ALONE, new ControllerState(stateDir, initialPrimary),
                ProgressStore.inDirectory(stateDir.resolve("runbooks")));
    }
}
