package io.pilotlight.store.log;

import java.util.List;

/**
 * What one read of the replication stream carries: the writer's epoch and last log index when it
 * sent the frame, and the next entries, decoded and as encoded (stored as they are).
 */
public record LogFrame(long epoch, long writerLast, List<LogEntry> entries, List<byte[]> encoded) {
}
