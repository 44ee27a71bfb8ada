package io.pilotlight.planner;

import io.pilotlight.topology.DataStore;
import java.time.Duration;

/** The RPO bound of one data store and how it follows from its replication. */
public record StoreRpo(String name, DataStore store, Duration bound, String basis, String path) {
}
