package io.pilotlight.planner;

import java.time.Duration;
import java.util.List;

/** RPO bounds of every data store; the deployment's RPO is the worst of them. */
public record RpoEstimate(List<StoreRpo> stores) {

    public Duration worst() {
        return stores.stream().map(StoreRpo::bound).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
