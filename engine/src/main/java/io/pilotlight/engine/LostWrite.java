package io.pilotlight.engine;

import java.time.Instant;

/**
 * One write a copy committed (and may have acknowledged) that its engine rolled back when the copy
 * rejoined a new writer: the exact RPO of a failover, entry by entry.
 *
 * @param table     the table or key space (the embedded store has one: its data store's name)
 * @param key       the row's key
 * @param operation put, insert, update or delete
 * @param value     the value it wrote (null for a delete)
 * @param position  where it was in the old writer's log
 * @param committed when it was committed (acknowledged) on the old writer
 */
public record LostWrite(String table, String key, String operation, String value, Position position, Instant committed) {
}
