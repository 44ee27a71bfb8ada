package io.pilotlight.orchestrator.decide;

import io.pilotlight.topology.DataStoreKind;
import io.pilotlight.topology.FailoverMode;
import io.pilotlight.topology.FailoverSettings;
import io.pilotlight.topology.Topology;
import java.time.Duration;

/**
 * The topology's failover settings as the controller uses them.
 *
 * @param restoresFromBackup the data is restored from a backup on failover (backup and restore): no region runs a
 *                           replica to check before failing over to it
 */
public record ControllerSettings(FailoverMode mode, Duration decisionDelay, Duration minimumInterval, boolean restoresFromBackup) {

    public ControllerSettings(FailoverMode mode, Duration decisionDelay, Duration minimumInterval) {
        this(mode, decisionDelay, minimumInterval, false);
    }

    public static ControllerSettings of(FailoverSettings settings) {
        return new ControllerSettings(settings.mode(), settings.decisionDelay(), settings.minimumInterval());
    }

    public static ControllerSettings of(Topology topology) {
        FailoverSettings failover = topology.failoverOrDefault();
        boolean restores = !topology.dataStores().isEmpty()
                && topology.dataStores().values().stream().allMatch(store -> store.kind() == DataStoreKind.BACKUP);
        return new ControllerSettings(failover.mode(), failover.decisionDelay(), failover.minimumInterval(), restores);
    }
}
