package io.pilotlight.engine.postgres;

import io.pilotlight.engine.DataStoreEngine;
import io.pilotlight.engine.EngineFactory;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.ReplicationMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code engine: postgres}. Endpoints: per region {@code pgmanaged:/folder?port=N} (a server Pilotlight manages, see
 * {@link ManagedPostgres}) or a PostgreSQL URL (an attached server). The writer lease lives in
 * {@code <store>.writer-lease.json} next to the managed servers' folders, or under {@code PILOTLIGHT_PG_LEASE_DIR}
 * (default: the temporary folder's {@code pilotlight/}) when every server is attached.
 */
public final class PostgresEngineFactory implements EngineFactory {
    @Override
    public String engine() {
        return "postgres";
    }

    @Override
    public DataStoreEngine open(String name, DataStore spec, Map<String, String> endpoints, Restorer restorer) {
        return open(name, spec, endpoints, Clock.systemUTC(), UnaryOperator.identity());
    }

    /** @param leaseStore wraps the lease store (tests cut a region off from it) */
    static PostgresEngine open(String name, DataStore spec, Map<String, String> endpoints, Clock clock, UnaryOperator<LeaseStore> leaseStore) {
        Map<String, Member> members = new LinkedHashMap<>();
        PgBinaries[] binaries = new PgBinaries[1];
        endpoints.forEach((region, endpoint) -> members.put(region, Member.parse(region, endpoint, () -> {
            if (binaries[0] == null) {
                binaries[0] = PgBinaries.locate();
            }
            return binaries[0];
        })));
        Path leaseDir = members.values().stream().filter(m -> m.managed() != null).map(m -> m.managed().root().getParent()).findFirst()
                .orElseGet(() -> {
                    String dir = System.getenv("PILOTLIGHT_PG_LEASE_DIR");
                    return dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "pilotlight");
                });
        LeaseStore leases = leaseStore.apply(new FileLeaseStore(leaseDir.resolve(name + ".writer-lease.json"), clock));
        boolean sync = spec.replication() != null && spec.replication().mode() == ReplicationMode.SYNC;
        Duration rpoBound = null;
        Duration rpoTimeout = null;
        if (!sync && spec.replication() != null && spec.replication().rpoGuard() != null) {
            rpoBound = requirePositive(name, "lag_bound", spec.replication().lagBound());
            rpoTimeout = requirePositive(name, "rpo_guard", spec.replication().rpoGuard());
        }
        return new PostgresEngine(new PgCluster(name, spec.lease(), clock, leases, members, sync, rpoBound, rpoTimeout));
    }

    private static Duration requirePositive(String store, String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("data store " + store + ": replication." + field + " must be a positive duration to guard the RPO, got "
                    + value);
        }
        return value;
    }
}
