package io.pilotlight.topology;

import io.pilotlight.topology.spec.Default;
import io.pilotlight.topology.spec.Doc;
import java.time.Duration;

public record Objectives(
        @Doc("Recovery time objective: how long the service may be down.") Duration rto,
        @Doc("Recovery point objective: how much data (as time) may be lost.") Duration rpo,
        @Doc("Why the deployment is multi-region; other drivers than a regional outage have cheaper answers.")
        @Default("regional-outage") Driver driver) {
}
