package io.pilotlight.store.node;

/** A value read from one node, with how stale that node may be. {@code value} is null when the key does not exist. */
public record ReadResult(String key, byte[] value, long version, long epoch, long commitTime, Role servedBy,
                         long lagEntries, long lagMillis) {
}
