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
 * {@link ManagedPostgres} and {@link Member}) or a PostgreSQL URL (an attached server). Reserved keys:
 * <ul>
 *   <li>{@value #LEASE_KEY}: the coordinator holding the writer lease ({@code pilotlight store coordinator}'s URL, or
 *       {@code etcd://HOST:PORT[,...][/prefix]}). Without it the lease lives in {@code <store>.writer-lease.json} next to the
 *       managed servers' folders, or under {@code PILOTLIGHT_PG_LEASE_DIR} (default: the temporary folder's
 *       {@code pilotlight/}) when every server is attached: one machine only.</li>
 *   <li>{@value #GUARD_KEY}: which regions this process guards (renews the lease of, fences): {@code all} (the default:
 *       one process runs it all), one region (that region's keeper, {@link PostgresRegionKeeper}), or {@code none} (an
 *       observer that promotes and switches over while the keepers guard: the lab's controller, a drill).</li>
 *   <li>{@value #BACKUP_KEY}: the backup folder restoreLatest restores from until a backup names another one (default:
 *       {@code backups/} next to the managed servers' folders).</li>
 *   <li>{@value #ARCHIVE_TIMEOUT_KEY}: a backed-up primary's archive_timeout, a duration such as {@code 60s} (the default):
 *       the RPO bound of a restore.</li>
 * </ul>
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
        Map<String, String> servers = new LinkedHashMap<>(endpoints);
        String coordinator = servers.remove(LEASE_KEY);
        String guard = servers.remove(GUARD_KEY);
        String backupAt = servers.remove(BACKUP_KEY);
        Duration archiveTimeout = archiveTimeout(name, servers.remove(ARCHIVE_TIMEOUT_KEY));
        Map<String, Member> members = new LinkedHashMap<>();
        PgBinaries[] binaries = new PgBinaries[1];
        servers.forEach((region, endpoint) -> members.put(region, Member.parse(region, endpoint, () -> {
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
        java.util.Set<String> guarded = guarded(name, guard, members.keySet());
        // a region's keeper reaches the coordinator the way its region does (its link), so a partition cuts its lease too
        String leaseAt = guarded != null && guarded.size() == 1 && members.get(guarded.iterator().next()).lease() != null
                ? members.get(guarded.iterator().next()).lease() : coordinator;
        LeaseStore leases = leaseStore.apply(leaseAt != null ? coordinatorLeases(name, leaseAt)
                : new FileLeaseStore(leaseDir.resolve(name + ".writer-lease.json"), clock));
        boolean sync = spec.replication() != null && spec.replication().mode() == ReplicationMode.SYNC;
        Duration rpoBound = null;
        Duration rpoTimeout = null;
        if (!sync && spec.replication() != null && spec.replication().rpoGuard() != null) {
            rpoBound = requirePositive(name, "lag_bound", spec.replication().lagBound());
            rpoTimeout = requirePositive(name, "rpo_guard", spec.replication().rpoGuard());
        }
        PgCluster cluster = new PgCluster(name, spec.lease(), clock, leases, members, sync, rpoBound, rpoTimeout);
        if (guarded != null) {
            cluster.guardOnly(guarded);
        }
        return new PostgresEngine(cluster, backupAt != null && !backupAt.isBlank() ? Path.of(backupAt) : leaseDir.resolve("backups"),
                archiveTimeout);
    }

    public static final String LEASE_KEY = "@lease";
    public static final String GUARD_KEY = "@guard";
    public static final String BACKUP_KEY = "@backup";
    public static final String ARCHIVE_TIMEOUT_KEY = "@archive_timeout";
    /** PostgreSQL's own advice: shorter timeouts fill the archive with mostly empty 16 MB segments. */
    static final Duration DEFAULT_ARCHIVE_TIMEOUT = Duration.ofSeconds(60);

    private static Duration archiveTimeout(String store, String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_ARCHIVE_TIMEOUT;
        }
        Duration timeout;
        try {
            timeout = io.pilotlight.topology.Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("data store " + store + ": " + ARCHIVE_TIMEOUT_KEY + " " + e.getMessage(), e);
        }
        if (timeout.toSeconds() < 1) {
            throw new IllegalArgumentException("data store " + store + ": " + ARCHIVE_TIMEOUT_KEY + " \"" + text + "\" must be at least 1s"
                    + " (PostgreSQL's archive_timeout counts whole seconds)");
        }
        return timeout;
    }

    /** null: every region. */
    private static java.util.Set<String> guarded(String store, String guard, java.util.Set<String> regions) {
        if (guard == null || guard.equals("all")) {
            return null;
        }
        if (guard.equals("none")) {
            return java.util.Set.of();
        }
        if (!regions.contains(guard)) {
            throw new IllegalArgumentException("data store " + store + ": " + GUARD_KEY + " \"" + guard + "\" is none of all, none or a region ("
                    + regions + ")");
        }
        return java.util.Set.of(guard);
    }

    private static LeaseStore coordinatorLeases(String store, String target) {
        try {
            return new CoordinatorLeaseStore(io.pilotlight.store.coord.Coordinators.open(target, Duration.ofSeconds(5)), target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the lease coordinator of " + store, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("data store " + store + ": the lease coordinator \"" + target + "\" is neither a URL nor"
                    + " etcd://HOST:PORT: " + e.getMessage(), e);
        }
    }

    private static Duration requirePositive(String store, String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("data store " + store + ": replication." + field + " must be a positive duration to guard the RPO, got "
                    + value);
        }
        return value;
    }
}
