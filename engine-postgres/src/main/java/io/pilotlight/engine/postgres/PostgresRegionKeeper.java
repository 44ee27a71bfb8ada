package io.pilotlight.engine.postgres;

import io.pilotlight.engine.EngineException;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What runs beside one region's PostgreSQL server, as an agent does on its host: it creates the server (initdb for the
 * first writer, pg_basebackup from the writer for a standby), starts it, and then, every quarter lease:
 * <ul>
 *   <li>holds the writer lease while the lease names this region (a controller elsewhere promoted it) and fences the server
 *       when it cannot renew it for a lease (its link to the coordinator cut, the coordinator gone);</li>
 *   <li>fences a server that answers as a writable primary while another region holds the lease;</li>
 *   <li>points its standby at the current writer through this region's link;</li>
 *   <li>rejoins its fenced former primary (ledger, pg_rewind, standby of the writer) once it can reach the writer;</li>
 *   <li>for a backup store ({@code kind: backup}), takes a base backup every interval while its server is the writer (the
 *       first one turns WAL archiving on); the other regions have no server until a restore creates one.</li>
 * </ul>
 * Promotions and switchovers are not its business: a controller (an engine with {@code @guard none}) does those.
 */
public final class PostgresRegionKeeper implements AutoCloseable {
    /** A read-only primary without the lease is a switchover's old primary for this long at most; after that it is fenced. */
    static final Duration HANDOVER_PATIENCE = Duration.ofSeconds(15);

    private final String region;
    private final PostgresEngine engine;
    private final PgCluster cluster;
    private final Member self;
    private final Consumer<String> log;
    private final Clock clock;
    private final Thread thread;
    private final BackupPlan backups;
    private final Thread backupThread;
    private volatile boolean running = true;
    private Instant readOnlySince;
    private Instant downSince;
    private String lastSaid = "";

    /**
     * Backups of a {@code kind: backup} store: a base backup into {@code folder} every {@code interval} while this region's
     * server is the writer.
     */
    public record BackupPlan(java.nio.file.Path folder, Duration interval) {
    }

    private PostgresRegionKeeper(String region, PostgresEngine engine, Consumer<String> log, Clock clock, BackupPlan backups) {
        this.region = region;
        this.engine = engine;
        this.cluster = engine.cluster();
        this.self = cluster.member(region);
        this.log = log;
        this.clock = clock;
        this.backups = backups;
        this.thread = Thread.ofPlatform().name("pg-keeper-" + region).start(this::loop);
        this.backupThread = backups == null ? null : Thread.ofPlatform().name("pg-backups-" + region).start(this::backupLoop);
    }

    /**
     * Creates and starts {@code region}'s managed server if it is not there yet, then keeps it.
     *
     * @param endpoints     every region's endpoint (this one managed, with its links) and {@value PostgresEngineFactory#LEASE_KEY}
     * @param initialWriter the region that is created as the first primary
     */
    public static PostgresRegionKeeper start(String store, DataStore spec, Map<String, String> endpoints, String region, String initialWriter,
                                             Consumer<String> log) throws InterruptedException {
        return start(store, spec, endpoints, region, initialWriter, null, log);
    }

    /** @param backups a backup store's schedule (null: none); its folder is also where a restore looks */
    public static PostgresRegionKeeper start(String store, DataStore spec, Map<String, String> endpoints, String region, String initialWriter,
                                             BackupPlan backups, Consumer<String> log) throws InterruptedException {
        Map<String, String> mine = new LinkedHashMap<>(endpoints);
        if (backups != null) {
            mine.put(PostgresEngineFactory.BACKUP_KEY, backups.folder().toString());
        }
        mine.put(PostgresEngineFactory.GUARD_KEY, region);
        Member self = Member.parse(region, endpoints.get(region), PgBinaries::locate);
        if (self.managed() == null) {
            throw new IllegalArgumentException(region + ": a region keeper runs beside a managed server (pgmanaged:/folder?port=N), got "
                    + endpoints.get(region));
        }
        create(self, endpoints, initialWriter, spec.kind() == DataStoreKind.BACKUP, log);
        PostgresEngine engine = PostgresEngineFactory.open(store, spec, mine, Clock.systemUTC(), UnaryOperator.identity());
        return new PostgresRegionKeeper(region, engine, log, Clock.systemUTC(), backups);
    }

    private static void create(Member self, Map<String, String> endpoints, String initialWriter, boolean backupStore, Consumer<String> log)
            throws InterruptedException {
        ManagedServer server = self.managed();
        if (Files.exists(server.data())) {
            if (server.pid().isPresent()) {
                log.accept(self.region() + ": its server is running already (pid " + server.pid().get() + ")");
            } else if (server.fenced() && !Files.exists(server.data().resolve("standby.signal"))) {
                log.accept(self.region() + ": its server was fenced as a primary; it stays stopped until it rejoins the writer");
            } else {
                server.start();
                log.accept(self.region() + ": started its server on " + self.where());
            }
            return;
        }
        if (self.region().equals(initialWriter)) {
            server.initPrimary();
            server.createReplicationUser();
            log.accept(self.region() + ": created the first primary on " + self.where());
            return;
        }
        if (backupStore) {
            log.accept(self.region() + ": no server here until the latest backup is restored into " + server.root());
            return;
        }
        Member writer = Member.parse(initialWriter, endpoints.get(initialWriter), PgBinaries::locate);
        HostPort source = self.reach(writer);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!answers(source)) {
            if (System.nanoTime() > deadline) {
                throw new PostgresSetupException(self.region() + ": the writer " + initialWriter + " did not answer at " + source
                        + " for 2 minutes; a standby is copied from it");
            }
            Thread.sleep(200);
        }
        server.initStandby(source);
        log.accept(self.region() + ": created a standby of " + initialWriter + " (through " + source + ") on " + self.where());
    }

    private static boolean answers(HostPort at) {
        try (Connection c = Sql.connect(ManagedServer.jdbcUrl(at.host(), at.port()), Duration.ofSeconds(1))) {
            return "f".equals(Sql.text(c, "select pg_is_in_recovery()"));
        } catch (SQLException e) {
            return false;
        }
    }

    private void loop() {
        Duration period = cluster.ttl.dividedBy(4);
        while (running) {
            try {
                tick();
            } catch (RuntimeException e) {
                say(region + ": " + e.getMessage());
            }
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One look at the lease and the server, and the one thing to do about them. */
    void tick() {
        WriterLease lease;
        try {
            lease = cluster.leases.current();
        } catch (IOException e) {
            say(region + ": the lease store cannot be reached (" + e.getMessage() + "); a guard still holding the lease fences at its end");
            return;
        }
        Instant now = clock.instant();
        boolean mine = lease.heldBy(region, now);
        if (!Files.exists(self.managed().data())) {
            say(region + ": no server yet (a backup store's region waits for a restore)");
            return;
        }
        ServerView server = view();
        if (mine && !cluster.guarding(region) && server != ServerView.DOWN) {
            takeUp(lease, server);
            return;
        }
        if (server == ServerView.DOWN && self.managed().fenced() && !Files.exists(self.managed().data().resolve("standby.signal"))
                && lease.holder().equals(region) && !lease.live(now)) {
            reclaim(lease); // fenced by its own guard, and nobody has taken the lease since
            return;
        }
        if (server == ServerView.WRITABLE_PRIMARY && !mine && !cluster.guarding(region)) {
            if (lease.holder().isEmpty() || (lease.holder().equals(region) && !lease.live(now))) {
                engine.adoptWriter(); // nobody else took it: this primary keeps writing under a new epoch
                return;
            }
            cluster.fenceNow(self, "it answered as a primary while " + lease.holder() + " holds the writer lease (epoch " + lease.epoch() + ")");
            say(region + ": fenced: a primary while " + lease.holder() + " holds the writer lease");
            return;
        }
        if (server == ServerView.READ_ONLY_PRIMARY && !mine) {
            readOnlySince = readOnlySince == null ? now : readOnlySince;
            if (Duration.between(readOnlySince, now).compareTo(HANDOVER_PATIENCE) > 0) {
                cluster.fenceNow(self, "a read-only primary without the writer lease for " + HANDOVER_PATIENCE.toSeconds() + "s");
            }
            return;
        }
        readOnlySince = null;
        downSince = server == ServerView.DOWN ? (downSince == null ? now : downSince) : null;
        if (lease.live(now) && !mine) {
            boolean formerPrimary = !Files.exists(self.managed().data().resolve("standby.signal"));
            // fenced: rejoin now; stopped without the mark (a switchover that did not finish turning it into a standby): later
            boolean abandoned = downSince != null && Duration.between(downSince, now).compareTo(HANDOVER_PATIENCE) > 0;
            if (server == ServerView.DOWN && formerPrimary && (self.managed().fenced() || abandoned)) {
                rejoin(lease.holder());
            } else if (server == ServerView.STANDBY && backups == null) {
                follow(lease.holder()); // a restored backup store's server replays the archive, it streams from nobody
            }
        }
    }

    private void takeUp(WriterLease lease, ServerView server) {
        Instant start = clock.instant();
        try {
            if (!cluster.leases.renew(region, lease.epoch(), cluster.ttl)) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        if (server == ServerView.STANDBY) {
            say(region + ": holds the writer lease (epoch " + lease.epoch() + ") while its server is promoted");
            return; // renewed for the promotion under way; guarded once the server answers as a primary
        }
        cluster.guard(region, lease.epoch(), start);
        say(region + ": guards the writer lease (epoch " + lease.epoch() + ")");
    }

    /**
     * Its server was fenced when its own lease could not be renewed (the coordinator or etcd gone for a lease, an etcd
     * election after a partition healed) and the lease still names this region at that epoch: nobody was promoted since,
     * so its data is the newest. It takes the lease at the next epoch first, then starts the server as the writer and
     * guards it; had another region taken the lease meanwhile, the acquire is refused and it rejoins that writer instead.
     */
    private void reclaim(WriterLease lapsed) {
        long epoch = lapsed.epoch() + 1;
        try {
            if (!cluster.leases.acquire(region, epoch, cluster.ttl)) {
                return;
            }
            self.managed().unfence();
            self.managed().start();
            Instant renewed = clock.instant(); // the start may have taken a while: the guard counts from a renewal after it
            if (!cluster.leases.renew(region, epoch, cluster.ttl)) {
                cluster.fenceNow(self, "its lease of epoch " + epoch + " lapsed while its server started again");
                return;
            }
            cluster.guard(region, epoch, renewed);
            say(region + ": took its lapsed writer lease back at epoch " + epoch + " (nobody was promoted after epoch " + lapsed.epoch()
                    + ") and started its server as the writer again");
        } catch (IOException | RuntimeException e) {
            say(region + ": cannot take its lapsed writer lease back yet: " + e.getMessage());
        }
    }

    private void rejoin(String writer) {
        try {
            say(region + ": " + engine.rejoin(region));
        } catch (EngineException | RuntimeException e) {
            say(region + ": cannot rejoin " + writer + " yet: " + e.getMessage());
        }
    }

    /** Its standby streams from the writer through this region's link (a controller elsewhere may have pointed it directly). */
    private void follow(String writer) {
        if (!cluster.members.containsKey(writer)) {
            return;
        }
        String wanted = cluster.conninfo(cluster.member(writer), region);
        try (Connection c = Sql.connect(self.jdbcUrl(), PgCluster.PROBE)) {
            if (!wanted.equals(Sql.text(c, "show primary_conninfo"))) {
                Sql.run(c, "alter system set primary_conninfo = " + Sql.quote(wanted));
                Sql.run(c, "alter system set primary_slot_name = " + Sql.quote(ManagedServer.slotName(region)));
                Sql.text(c, "select pg_reload_conf()");
                say(region + ": its standby follows " + writer + " (" + wanted.replaceAll(" user=.*", "") + ")");
            }
        } catch (SQLException e) {
            say(region + ": cannot point its standby at " + writer + ": " + e.getMessage());
        }
    }

    /** A base backup as soon as this region guards the writer lease (it turns archiving on), then one every interval. */
    private void backupLoop() {
        Instant last = null;
        while (running) {
            try {
                Instant now = clock.instant();
                if (cluster.guarding(region) && (last == null || Duration.between(last, now).compareTo(backups.interval()) >= 0)) {
                    last = now;
                    log.accept(region + ": base backup taken: " + engine.backup(region, backups.folder()));
                }
            } catch (EngineException | RuntimeException e) {
                say(region + ": the backup failed: " + e.getMessage());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private enum ServerView { DOWN, STANDBY, WRITABLE_PRIMARY, READ_ONLY_PRIMARY }

    private ServerView view() {
        try (Connection c = Sql.connect(self.jdbcUrl(), PgCluster.PROBE)) {
            if ("t".equals(Sql.text(c, "select pg_is_in_recovery()"))) {
                return ServerView.STANDBY;
            }
            return "on".equals(Sql.text(c, "show default_transaction_read_only")) ? ServerView.READ_ONLY_PRIMARY : ServerView.WRITABLE_PRIMARY;
        } catch (SQLException e) {
            return ServerView.DOWN;
        }
    }

    private void say(String line) {
        if (!line.equals(lastSaid)) {
            lastSaid = line;
            log.accept(line);
        }
    }

    /** Stops keeping (the lease lapses unless renewed elsewhere) and stops the server cleanly. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        if (backupThread != null) {
            backupThread.interrupt();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
        self.managed().stop("fast");
    }
}
