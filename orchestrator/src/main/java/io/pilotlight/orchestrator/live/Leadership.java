package io.pilotlight.orchestrator.live;

import java.util.Optional;

/**
 * Whether this controller may act now. One controller on one machine always may; among agents only
 * the elected leader may, and a controller that cannot reach the election's store (etcd) may not:
 * it does nothing rather than act beside another leader.
 */
public interface Leadership {
    /** Empty while this controller may act; else why not (who leads, or that etcd is unreachable). */
    Optional<String> mayNotAct();

    /** The only controller there is. */
    Leadership ALONE = Optional::empty;
}
