package io.pilotlight.engine.postgres;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One committed transaction as PostgreSQL's {@code test_decoding} plugin printed it.
 *
 * @param commitLsn the LSN the decoding reported for its COMMIT line
 * @param committed its commit time (include-timestamp)
 */
record DecodedTransaction(long xid, long commitLsn, Instant committed, List<Change> changes) {

    /**
     * One row change.
     *
     * @param table     schema.table
     * @param operation insert, update, delete or truncate
     * @param columns   column name to its value as text (SQL NULL as null), in the order printed: the new tuple for
     *                  insert and update, the old key for delete
     */
    record Change(String table, String operation, Map<String, String> columns) {
    }
}
