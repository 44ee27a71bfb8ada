package io.pilotlight.store.log;

/**
 * One write in the writer's ordered log. Every entry carries the epoch of the writer that made it,
 * which is how replicas refuse a deposed writer and how a returning writer finds where its log forked.
 *
 * @param index      position in the log, from 1, without gaps
 * @param commitTime when the writer made it durable (epoch milliseconds): its acknowledgement time
 * @param value      the new value, or {@code null} for a delete
 */
public record LogEntry(long index, long epoch, long commitTime, String key, byte[] value) {

    public boolean isDelete() {
        return value == null;
    }
}
