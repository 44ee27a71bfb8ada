package io.pilotlight.orchestrator.decide;

import io.pilotlight.topology.FailoverMode;
import io.pilotlight.topology.FailoverSettings;
import java.time.Duration;

/** The topology's failover settings as the controller uses them. */
public record ControllerSettings(FailoverMode mode, Duration decisionDelay, Duration minimumInterval) {

    public static ControllerSettings of(FailoverSettings settings) {
        return new ControllerSettings(settings.mode(), settings.decisionDelay(), settings.minimumInterval());
    }
}
