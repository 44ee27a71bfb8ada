package io.pilotlight.planner;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.Topology;
import java.time.Duration;
import java.util.Map;

/**
 * How long the data takes to accept writes in the target region. Stores recover in parallel, so
 * the term is the slowest store. Engine figures are used when the file gives none and say so.
 */
final class DataPromotion {
    /** Pilotlight's embedded store promotes once the old writer's lease must have lapsed, plus at most a second. */
    static final Duration EMBEDDED_MARGIN = Duration.ofSeconds(1);
    static final Duration POSTGRES_TYPICAL = Duration.ofSeconds(30);
    static final Duration MANAGED_TYPICAL = Duration.ofMinutes(1);
    static final Duration RESTORE_ASSUMED = Duration.ofHours(1);

    private DataPromotion() {
    }

    static RtoTerm term(Topology topology) {
        Duration worst = Duration.ZERO;
        String basis = "no data store needs promoting";
        String path = "";
        for (Map.Entry<String, DataStore> entry : topology.dataStores().entrySet()) {
            DataStore store = entry.getValue();
            Estimate estimate = of(store);
            if (estimate != null && estimate.time.compareTo(worst) >= 0) {
                worst = estimate.time;
                basis = entry.getKey() + " (" + store.engine() + "): " + estimate.basis;
                path = "data_stores." + entry.getKey() + "." + estimate.field;
            }
        }
        return new RtoTerm(RtoEstimator.PROMOTION, worst, basis, path);
    }

    private record Estimate(Duration time, String basis, String field) {
    }

    private static Estimate of(DataStore store) {
        switch (store.kind()) {
            case GLOBAL_DATABASE -> {
                if (store.promotionTime() != null) {
                    return new Estimate(store.promotionTime(), "promotion_time as given in the file", "promotion_time");
                }
                if ("embedded".equals(store.engine())) {
                    return new Estimate(store.lease().plus(EMBEDDED_MARGIN), "writer lease " + format(store.lease())
                            + " must lapse, then promotion within " + format(EMBEDDED_MARGIN), "lease");
                }
                Duration typical = "postgres".equals(store.engine()) ? POSTGRES_TYPICAL : MANAGED_TYPICAL;
                return new Estimate(typical, "typical promotion of the engine (" + format(typical)
                        + "); set promotion_time to your measured figure", "engine");
            }
            case BACKUP -> {
                if (store.restoreTime() != null) {
                    return new Estimate(store.restoreTime(), "restore of the latest backup (restore_time)", "restore_time");
                }
                return new Estimate(RESTORE_ASSUMED, "restore assumed to take " + format(RESTORE_ASSUMED)
                        + "; set restore_time to your measured figure", "restore_time");
            }
            default -> {
                return null;
            }
        }
    }
}
