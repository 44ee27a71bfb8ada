package io.pilotlight.store.node;

import java.util.concurrent.CompletableFuture;

/**
 * A write waiting for the next group commit.
 *
 * @param value     new value, or {@code null} to delete
 * @param ifVersion the version the key must be at (0: must not exist), or {@code null} for unconditional
 */
record PendingWrite(String key, byte[] value, Long ifVersion, CompletableFuture<WriteResult> done) {
}
