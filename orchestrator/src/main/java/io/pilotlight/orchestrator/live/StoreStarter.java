package io.pilotlight.orchestrator.live;

/**
 * Starts a region's store node from the latest backup (backup and restore has no node running in
 * the standby region until a disaster). Returns what it did; must be idempotent.
 */
@FunctionalInterface
public interface StoreStarter {
    String startFromLatestBackup(String store, String region) throws Exception;
}
