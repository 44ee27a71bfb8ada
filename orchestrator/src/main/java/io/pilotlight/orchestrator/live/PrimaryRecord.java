package io.pilotlight.orchestrator.live;

import java.time.Instant;

/**
 * What every controller must agree on across restarts and leaders: the region now serving, and when
 * it last failed over. On disk for one controller ({@link ControllerState}); in etcd for agents.
 */
public interface PrimaryRecord {
    /** Reads the record again (a failover run by hand, or by another region's controller). */
    void refresh();

    String primary();

    /** When the last failover completed; null if never. */
    Instant lastFailover();

    /** Records a completed failover. */
    void failedOver(String newPrimary, Instant at);
}
