package io.pilotlight.engine.postgres;

import java.io.IOException;
import java.time.Duration;

/**
 * Where the writer lease of one PostgreSQL data store lives. {@link FileLeaseStore} (one machine:
 * the lab, tests) today; across machines it belongs in the consensus store (etcd) the store module's
 * Coordinator already uses. Every call either answers or throws: a store that cannot be asked never
 * counts as a renewal.
 */
interface LeaseStore {
    WriterLease current() throws IOException;

    /** Takes the lease for {@code region} at {@code epoch} (above every earlier epoch) when nobody holds a live lease. */
    boolean acquire(String region, long epoch, Duration ttl) throws IOException;

    /** Extends the lease if {@code region} holds it at {@code epoch} and it has not lapsed. */
    boolean renew(String region, long epoch, Duration ttl) throws IOException;

    /** Planned hand-over: {@code to} takes the lease at {@code epoch} from {@code from}, who must still hold it. */
    boolean transfer(String from, String to, long epoch, Duration ttl) throws IOException;
}
