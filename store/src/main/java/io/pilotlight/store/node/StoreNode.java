package io.pilotlight.store.node;

import io.pilotlight.store.NotWriterException;
import io.pilotlight.store.StoreException;
import io.pilotlight.store.coord.Coordinator;
import io.pilotlight.store.coord.LeaseGrant;
import io.pilotlight.store.coord.LeaseInfo;
import io.pilotlight.store.log.LogEntry;
import io.pilotlight.store.log.LogFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One region's store node: the writer (group commit, lease, serving its log) or a replica
 * (following the writer). Role changes: promotion (switchover or failover), and stepping down when
 * the lease is lost, a higher epoch is seen, or a switchover hands the role on.
 */
public final class StoreNode implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.pilotlight.store");
    /** How often a replica's supervisor asks the coordinator who holds the lease. */
    private static final long COORDINATOR_ASK_NANOS = 100_000_000L;
    /** How often a writer checks with the coordinator that no newer epoch was granted (its lease keeper renews meanwhile). */
    private static final long WRITER_CHECK_NANOS = 1_000_000_000L;
    private final NodeConfig config;
    private final RocksStore store;
    private final ReplicaTracker tracker = new ReplicaTracker();
    private final RpoGuard guard;
    private final Object appendedSignal = new Object();
    private final AtomicLong knownEpoch = new AtomicLong();
    private final Thread supervisor;
    private final PeerProbe peers;
    private final PeerBook book;
    private volatile Role role = Role.REPLICA;
    private volatile String writerRegion;
    private volatile String fencedFor;
    private volatile LeaseKeeper lease;
    private volatile GroupCommitter committer;
    private volatile Replicator replicator;
    private volatile EpochHistory history;
    private volatile long syncedIndex;
    /** Counts log rollbacks, so a replica fsync that overlapped one does not report the reused indexes durable. */
    private long rollbacks;
    /** Not the node's monitor: promotion holds that while it stops the replica's threads. */
    private final Object syncLock = new Object();
    private volatile long lagEntries;
    private volatile long lagMillis;
    private volatile long lastContactMillis;
    private long nextAskNanos;
    private LeaseInfo lastLease = LeaseInfo.UNREACHABLE;
    /** When this node first saw the lease of {@link #lapsedSeenEpoch} free (its clock), to give an unable leader one lease of grace. */
    private long lapsedSinceMillis;
    private long lapsedSeenEpoch = -1;
    private volatile String decision = "starting";
    private volatile String lastError;
    private volatile boolean running = true;

    private StoreNode(NodeConfig config) {
        this.config = config;
        this.store = new RocksStore(config.dataDir());
        this.guard = new RpoGuard(config.lagBound(), tracker, store, config.clock());
        this.book = new PeerBook(config.peers());
        this.peers = new PeerProbe(config.region(), book);
        this.history = saved(store, config, "epochs", EpochHistory::parse);
        this.syncedIndex = store.lastIndex(); // what survived a restart is on disk
        knownEpoch.set(saved(store, config, "epoch", StoreNode::savedEpoch));
        var lease = config.coordinator().current();
        if (lease.epoch() == 0 && knownEpoch.get() == 0 && config.region().equals(config.initialWriter())) {
            try {
                promote(Duration.ofSeconds(5)); // a slow coordinator is retried; asking again keeps a granted epoch
            } catch (StoreException slow) {
                lastError = "could not take the initial lease: " + slow.getMessage();
            }
        }
        if (role == Role.REPLICA) {
            if (lease.live() && lease.holder() != null) {
                learnEpoch(lease.epoch(), lease.holder()); // name the writer in refusals from the start
            }
            startReplicator();
        }
        this.supervisor = Thread.ofPlatform().daemon().name("store-supervisor-" + config.region()).start(this::supervise);
    }

    /** What this node saved under {@code name}, parsed; damaged metadata stops the start, naming the data directory. */
    private static <T> T saved(RocksStore store, NodeConfig config, String name, java.util.function.Function<String, T> parse) {
        String raw = store.meta(name);
        try {
            return parse.apply(raw);
        } catch (RuntimeException damaged) {
            store.close();
            throw new StoreIoException("the store in " + config.dataDir() + " is damaged: its metadata \"" + name + "\" is unreadable ("
                    + damaged.getMessage() + "); restore the node from a backup (pilotlight store restore) or start it on an empty"
                    + " data directory to copy the log from the writer", damaged);
        }
    }

    private static long savedEpoch(String raw) {
        if (raw == null) {
            return 0;
        }
        try {
            long epoch = Long.parseLong(raw);
            if (epoch >= 0) {
                return epoch;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalArgumentException("epoch \"" + (raw.length() > 40 ? raw.substring(0, 40) + "..." : raw) + "\" is not a whole number, 0 or more");
    }

    public static StoreNode start(NodeConfig config) {
        return new StoreNode(config);
    }

    // ---- writes and reads -----------------------------------------------------------------

    public CompletableFuture<WriteResult> write(String key, byte[] value, Long ifVersion) {
        CompletableFuture<WriteResult> done = new CompletableFuture<>();
        GroupCommitter current = committer;
        if (role != Role.WRITER || current == null) {
            done.completeExceptionally(notWriter());
            return done;
        }
        current.submit(new PendingWrite(key, value, ifVersion, done));
        return done;
    }

    public ReadResult read(String key) {
        StoredValue stored = store.get(key);
        long entries = role == Role.WRITER ? 0 : lagEntries;
        long millis = role == Role.WRITER ? 0 : lagMillis;
        return stored == null ? new ReadResult(key, null, 0, 0, 0, role, entries, millis)
                : new ReadResult(key, stored.value(), stored.version(), stored.epoch(), stored.commitTime(), role, entries, millis);
    }

    public List<Map.Entry<String, StoredValue>> scan(String from, String to, int limit) {
        return store.scan(from, to, limit);
    }

    private NotWriterException notWriter() {
        String writer = writerRegion;
        return new NotWriterException(writer, config.region() + " is not the writer" + (writer == null ? " and no writer is known yet"
                : "; the writer is " + writer + " (" + (book.knows(writer) ? book.url(writer) : "unknown address") + ")"));
    }

    private RuntimeException refusal() {
        if (role != Role.WRITER) {
            return notWriter();
        }
        if (fencedFor != null) {
            return new StoreException("switchover to " + fencedFor + " in progress: writes are paused; retry on " + fencedFor);
        }
        LeaseKeeper keeper = lease;
        if (keeper == null || !keeper.valid()) {
            return new NotWriterException(null, config.region() + " lost its writer lease (coordinator unreachable or the lease"
                    + " lapsed); it no longer acknowledges writes");
        }
        return null;
    }

    // ---- the writer's side of replication --------------------------------------------------

    /**
     * A replica opens its log stream: a replica that has seen a newer epoch deposes this writer;
     * records the replica's durable index. Returns the epoch the stream is served in.
     */
    long openLogStream(String replica, long replicaEpoch, long durable) {
        replicaProgress(replica, replicaEpoch, durable);
        return knownEpoch.get();
    }

    /** A replica's report of what it has made durable (and the newest epoch it has seen). */
    void replicaProgress(String replica, long replicaEpoch, long durable) {
        if (replicaEpoch > knownEpoch.get()) {
            checkDeposed(); // evidence, not an order: only the coordinator's word deposes this writer
        }
        if (role != Role.WRITER) {
            throw notWriter();
        }
        if (replica == null || replica.equals(config.region()) || !book.knows(replica)) {
            throw new IllegalArgumentException("region \"" + replica + "\" is not a replica of this deployment; replicas: "
                    + book.regions().stream().filter(r -> !r.equals(config.region())).toList());
        }
        long last = store.lastIndex();
        if (durable < 0 || durable > last) {
            throw new IllegalArgumentException("durable " + durable + " is not a position of this writer's log; allowed: 0 to " + last);
        }
        tracker.report(replica, durable, config.clock().millis());
    }

    /** Asks the coordinator whether a newer epoch was granted; if so, this node learns it (and a writer steps down). */
    void checkDeposed() {
        LeaseInfo current = config.coordinator().current();
        if (current.reachable() && current.epoch() > knownEpoch.get()) {
            learnEpoch(current.epoch(), current.holder());
        }
    }

    /**
     * The next encoded log entries from {@code from} for a stream opened in {@code streamEpoch},
     * waiting up to {@code waitMillis} for some (none: a heartbeat). Ends the stream (NotWriterException)
     * once this node is no longer the writer of that epoch.
     */
    List<byte[]> logSince(long from, int max, long waitMillis, long streamEpoch) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        synchronized (appendedSignal) {
            while (store.lastIndex() < from && servesEpoch(streamEpoch)) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                appendedSignal.wait(left);
            }
        }
        if (!servesEpoch(streamEpoch)) {
            throw notWriter();
        }
        return store.lastIndex() < from ? List.of() : store.encodedEntries(from, max);
    }

    private boolean servesEpoch(long epoch) {
        return role == Role.WRITER && knownEpoch.get() == epoch;
    }

    private void appended() {
        synchronized (appendedSignal) {
            appendedSignal.notifyAll();
        }
    }

    public String epochs() {
        return history.format();
    }

    /**
     * The entries of this node's log that it would roll back into its ledger if a node whose log
     * has {@code candidateHistory} up to {@code candidateLast} became the writer now: what promoting
     * that node costs here. At most {@code max} entries, oldest first.
     */
    public List<LogEntry> wouldLoseTo(EpochHistory candidateHistory, long candidateLast, int max) {
        EpochHistory promoted = candidateHistory.with(Long.MAX_VALUE, candidateLast + 1); // whatever epoch it gets, it is newer
        long fork = LogFork.firstDivergent(index -> store.entry(index).epoch(), store.lastIndex(), promoted);
        return fork < 0 ? List.of() : store.entries(fork, max);
    }

    // ---- the replica's side ----------------------------------------------------------------

    /**
     * Rolls back whatever of this node's log the writer's log does not contain, into the ledger: the
     * first index whose epoch differs from the writer's history for that index, and everything after.
     * A history older than what this node has seen is refused (a stale or forged writer).
     */
    synchronized void reconcileWith(EpochHistory writerHistory, Replicator caller) {
        if (replicator != caller || role != Role.REPLICA) {
            throw new StoreException("replication stopped: " + config.region() + " is " + role + " now");
        }
        long last = store.lastIndex();
        LogPosition mine = lastPosition();
        long newest = Math.max(knownEpoch.get(), mine.epoch());
        if (writerHistory.lastEpoch() < newest) {
            throw new StoreException("refused the writer's epoch history \"" + writerHistory.format() + "\": it ends at epoch "
                    + writerHistory.lastEpoch() + ", older than epoch " + newest + " this node has seen");
        }
        long fork = LogFork.firstDivergent(index -> store.entry(index).epoch(), last, writerHistory);
        if (fork > 0) {
            long newEpoch = writerHistory.epochAt(fork);
            List<LogEntry> divergent = store.entries(fork, Integer.MAX_VALUE);
            Map<String, LogEntry> restore = store.latestBefore(new LinkedHashSet<>(divergent.stream().map(LogEntry::key).toList()), fork);
            long now = config.clock().millis();
            List<LostWrite> lost = new ArrayList<>();
            for (LogEntry entry : divergent) {
                lost.add(new LostWrite(entry.key(), entry.value() == null ? null : new String(entry.value(), java.nio.charset.StandardCharsets.UTF_8),
                        entry.index(), entry.epoch(), entry.commitTime(), now, newEpoch));
            }
            store.truncate(fork, restore, lost);
            synchronized (syncLock) {
                syncedIndex = Math.min(syncedIndex, fork - 1); // indexes from the fork on will be reused by other entries
                rollbacks++;
            }
            LOG.log(System.Logger.Level.WARNING, () -> config.region() + ": rolled back " + lost.size() + " entries (index " + fork + " to "
                    + last + ", ending at " + mine + ") that the writer's log (epoch " + newEpoch + " from index " + fork
                    + ") does not hold; they are in the lost-writes ledger");
        }
        history = writerHistory;
        store.meta("epochs", history.format());
    }

    /** The epoch of this node's last log entry and its index. */
    public LogPosition lastPosition() {
        long last = store.lastIndex();
        LogEntry entry = last == 0 ? null : store.entry(last);
        return entry == null ? new LogPosition(0, last) : new LogPosition(entry.epoch(), last);
    }

    /** Applies one frame of the writer's stream without waiting for the disk: {@link #syncApplied} makes it durable. */
    void applyReplicated(LogFrame frame, Replicator caller) {
        if (replicator != caller || role != Role.REPLICA) {
            throw new StoreException("replication stopped: " + config.region() + " is " + role + " now");
        }
        learnEpoch(frame.epoch(), writerRegion);
        lastContactMillis = config.clock().millis();
        lastError = null;
        List<LogEntry> entries = frame.entries();
        if (!entries.isEmpty()) {
            if (entries.get(0).index() != store.lastIndex() + 1) {
                throw new StoreException("log gap: have " + store.lastIndex() + ", got " + entries.get(0).index());
            }
            long oldest = entries.get(0).commitTime();
            store.append(entries, frame.encoded(), false);
            lagMillis = Math.max(0, config.clock().millis() - oldest);
            LatencyRecorder.record(entries, config.clock().millis());
        }
        lagEntries = Math.max(0, frame.writerLast() - store.lastIndex());
        if (lagEntries == 0 && entries.isEmpty()) {
            lagMillis = 0;
        }
    }

    /**
     * Fsyncs what the replica has applied (one fsync covers every frame since the last) and returns
     * the durable index: only synced entries are reported durable, which is what sync mode and
     * switchover wait for. A rollback during the fsync voids it (its indexes get reused).
     */
    long syncApplied() {
        long target;
        long rollbacksBefore;
        synchronized (syncLock) {
            target = store.lastIndex();
            rollbacksBefore = rollbacks;
        }
        if (syncedIndex < target) {
            store.sync();
            synchronized (syncLock) {
                if (rollbacks == rollbacksBefore) {
                    syncedIndex = Math.max(syncedIndex, target);
                }
            }
        }
        return durableIndex();
    }

    /** The log index this replica has made durable: what it reports to the writer. */
    long durableIndex() {
        return Math.min(syncedIndex, store.lastIndex());
    }

    void replicationError(Exception e) {
        lastError = e.getMessage();
    }

    /** Records a newer epoch (persisted); a writer that sees one steps down at once. */
    void learnEpoch(long epoch, String holder) {
        long before = knownEpoch.getAndAccumulate(epoch, Math::max);
        if (epoch > before) {
            store.meta("epoch", Long.toString(epoch));
            if (role == Role.WRITER) {
                stepDown("the coordinator granted a newer epoch " + epoch);
            }
        }
        if (holder != null && epoch >= knownEpoch.get()) {
            writerRegion = holder;
        }
    }

    // ---- role changes ---------------------------------------------------------------------

    /** Failover or the last step of a switchover: take the lease (waiting for the old one to lapse) and become the writer. */
    public PromotionReport promote(Duration maxWait) {
        return promote(maxWait, false);
    }

    /**
     * Takes the lease once the old one has lapsed (waiting up to {@code maxWait}) and becomes the
     * writer. In sync mode a node that cannot show it holds every acknowledged write is refused
     * ({@link PromotionRefusedException}, saying who may hold more), unless {@code acceptDataLoss}.
     */
    public synchronized PromotionReport promote(Duration maxWait, boolean acceptDataLoss) {
        long started = System.nanoTime();
        if (role == Role.WRITER) {
            return new PromotionReport(config.region(), knownEpoch.get(), 0, store.lastIndex(), config.region() + " is already the writer");
        }
        long deadline = started + maxWait.toNanos();
        while (true) {
            LeaseInfo current = config.coordinator().current();
            String refusal;
            if (current.reachable() && (current.live() ? config.region().equals(current.holder())
                    : current.successor() == null || current.successor().equals(config.region()))) {
                boolean everHadWriter = current.epoch() > 0 || knownEpoch.get() > 0;
                boolean handedToMe = config.region().equals(current.successor()); // a switchover waited until this node had everything
                // only sync mode needs the others' positions to decide; a switchover's target and async mode do not wait for them
                List<NodeDecision.PeerView> others = current.live() || !everHadWriter || handedToMe
                        || config.mode() != io.pilotlight.store.ReplicationMode.SYNC ? List.of() : peers.positions();
                LogPosition mine = lastPosition();
                String risk = config.mode() == io.pilotlight.store.ReplicationMode.SYNC && !current.live() && everHadWriter && !handedToMe
                        ? NodeDecision.syncRisk(mine, others, current.holder()) : null;
                if (risk != null && !acceptDataLoss) {
                    throw new PromotionRefusedException(config.region() + " was not promoted: " + risk
                            + ". To promote it anyway, losing those writes: pilotlight store failover --to " + config.region() + " --accept-data-loss");
                }
                long askedAt = System.nanoTime();
                LeaseGrant grant = config.coordinator().acquire(config.region(), config.lease(), knownEpoch.get());
                if (grant.granted()) {
                    startWriter(grant.epoch(), askedAt);
                    long waited = (System.nanoTime() - started) / 1_000_000;
                    String ahead = others.stream().filter(p -> p.reachable() && p.position().isAfter(mine))
                            .map(p -> p.region() + " (" + p.position() + ")").collect(java.util.stream.Collectors.joining(", "));
                    String summary = config.region() + " is the writer at epoch " + grant.epoch() + " from log index " + mine.index()
                            + " (waited " + waited + "ms for the old lease)"
                            + (ahead.isEmpty() ? "" : "; further ahead: " + ahead + ": their entries past " + mine
                                    + " will be rolled back into their lost-writes ledgers when they rejoin")
                            + (risk == null ? "" : "; DATA LOSS ACCEPTED: " + risk);
                    LOG.log(System.Logger.Level.WARNING, () -> "promoted: " + summary);
                    return new PromotionReport(config.region(), grant.epoch(), waited, store.lastIndex(), summary);
                }
                refusal = grant.reason();
            } else {
                refusal = !current.reachable() ? "the coordinator does not answer"
                        : current.live() ? current.holder() + " holds the lease at epoch " + current.epoch()
                        : "a switchover handed the lease to " + current.successor();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new StoreException("cannot promote " + config.region() + ": " + refusal);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("promotion interrupted");
            }
        }
    }

    private void startWriter(long epoch, long askedAtNanos) {
        if (replicator != null) {
            replicator.close();
            replicator = null;
        }
        knownEpoch.accumulateAndGet(epoch, Math::max);
        store.meta("epoch", Long.toString(epoch));
        if (history.lastEpoch() != epoch) { // the same epoch again: a restarted holder continuing its own lease
            history = history.with(epoch, store.lastIndex() + 1);
        }
        store.meta("epochs", history.format());
        tracker.forget();
        lease = new LeaseKeeper(config.coordinator(), config.region(), epoch, config.lease(), askedAtNanos);
        writerRegion = config.region();
        fencedFor = null;
        role = Role.WRITER;
        committer = new GroupCommitter(store, epoch, this::refusal, guard, tracker, config.mode(), config.guardTimeout(),
                config.clock(), this::appended);
    }

    synchronized void stepDown(String why) {
        if (role != Role.WRITER) {
            return;
        }
        role = Role.REPLICA;
        lastError = "stepped down: " + why;
        LOG.log(System.Logger.Level.WARNING, () -> config.region() + " stepped down at epoch " + knownEpoch.get() + ": " + why);
        GroupCommitter oldCommitter = committer;
        committer = null;
        if (oldCommitter != null) {
            oldCommitter.close();
        }
        if (lease != null) {
            lease.close();
            lease = null;
        }
        appended();
        if (running) {
            startReplicator();
        }
    }

    /** Planned switchover, run on the writer: pause writes, wait for the target to have everything, hand over. RPO 0. */
    public SwitchoverReport switchover(String target, Duration catchUpTimeout) throws InterruptedException {
        if (role != Role.WRITER) {
            throw notWriter();
        }
        if (!book.knows(target) || target.equals(config.region())) {
            throw new IllegalArgumentException("cannot switch over to \"" + target + "\"; other regions: "
                    + book.regions().stream().filter(r -> !r.equals(config.region())).toList());
        }
        long started = System.nanoTime();
        fencedFor = target;
        GroupCommitter current = committer;
        if (current != null) {
            current.awaitAppending(); // a batch that passed the fence check before it was set lands first, and is waited for
        }
        long last = store.lastIndex();
        if (!tracker.awaitDurable(target, last, catchUpTimeout.toMillis())) {
            fencedFor = null;
            throw new StoreException("switchover aborted: " + target + " did not catch up to index " + last + " within "
                    + catchUpTimeout.toMillis() + "ms (it has " + tracker.durableOf(target) + "); writes resumed on " + config.region());
        }
        long epoch = lease.epoch();
        stepDown("switchover to " + target);
        config.coordinator().release(config.region(), epoch, target); // only the target may take it next
        PromotionReport promoted = peers.promote(target);
        long gap = (System.nanoTime() - started) / 1_000_000;
        return new SwitchoverReport(config.region(), target, promoted.epoch(), last, gap, "switched over from " + config.region()
                + " to " + target + " at index " + last + "; writes paused for " + gap + "ms; nothing lost");
    }

    // ---- supervision ----------------------------------------------------------------------

    private void supervise() {
        while (running) {
            try {
                Thread.sleep(25);
                superviseOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                lastError = "supervisor: " + e.getMessage();
            }
        }
    }

    /** One look: a snapshot, the pure decision over it ({@link NodeDecision}), and the action. */
    private void superviseOnce() {
        Role seen = role;
        LeaseInfo current = LeaseInfo.UNREACHABLE; // between looks a writer judges by its lease keeper alone
        if (seen == Role.WRITER && System.nanoTime() - nextAskNanos >= 0) {
            nextAskNanos = System.nanoTime() + WRITER_CHECK_NANOS; // and now and then asks whether a newer epoch exists
            current = config.coordinator().current();
        }
        if (seen == Role.REPLICA) {
            if (System.nanoTime() - nextAskNanos < 0) {
                return;
            }
            nextAskNanos = System.nanoTime() + COORDINATOR_ASK_NANOS;
            current = config.coordinator().current();
            lastLease = current;
            if (current.reachable() && !current.live() && current.epoch() != lapsedSeenEpoch) {
                lapsedSeenEpoch = current.epoch();
                lapsedSinceMillis = config.clock().millis();
            }
        }
        LeaseKeeper keeper = lease;
        NodeDecision.Snapshot snapshot = new NodeDecision.Snapshot(config.region(), seen, keeper != null && keeper.valid(), knownEpoch.get(),
                current, config.autoFailover(), config.region().equals(config.initialWriter()), config.mode(), lastPosition(),
                List.of(), config.clock().millis() - lapsedSinceMillis, config.lease().toMillis());
        if (NodeDecision.needsPeers(snapshot)) {
            snapshot = snapshot.withPeers(peers.positions());
        }
        NodeDecision.Decision decided = NodeDecision.decide(snapshot);
        if (!decided.reason().equals(decision)) {
            decision = decided.reason();
            LOG.log(decided.action() == NodeDecision.Action.STAY ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                    () -> config.region() + ": " + decided.action() + ": " + decided.reason());
        }
        switch (decided.action()) {
            case STEP_DOWN -> {
                if (snapshot.leaseValid()) {
                    learnEpoch(current.epoch(), current.holder()); // deposed: the coordinator granted a newer epoch
                } else {
                    stepDownIfLeaseLapsed(decided.reason());
                }
            }
            case RECLAIM, PROMOTE -> {
                try {
                    promote(Duration.ZERO);
                    if (decided.action() == NodeDecision.Action.RECLAIM) {
                        lastError = "took back the writer's lease: " + decided.reason();
                    }
                } catch (StoreException notNow) {
                    // another node was faster, or the lease is not free yet: the next look decides again
                }
            }
            case STAY, WAIT -> {
            }
        }
    }

    /** Steps down for a lapsed lease, unless something else (a switchover) already changed the role meanwhile. */
    private synchronized void stepDownIfLeaseLapsed(String why) {
        LeaseKeeper keeper = lease;
        if (role == Role.WRITER && keeper != null && !keeper.valid()) {
            stepDown(why);
        }
    }

    private void startReplicator() {
        Replicator following = new Replicator(this);
        replicator = following;
        following.start();
    }

    // ---- accessors ------------------------------------------------------------------------

    public NodeStatus status() {
        Map<String, NodeStatus.ReplicaLag> replicas = new LinkedHashMap<>();
        if (role == Role.WRITER) {
            long last = store.lastIndex();
            tracker.snapshot().forEach((region, progress) -> replicas.put(region, new NodeStatus.ReplicaLag(progress.durableIndex(),
                    Math.max(0, last - progress.durableIndex()), guard.lagMillis(progress.durableIndex()), progress.seenAtMillis())));
        }
        LeaseKeeper keeper = lease;
        LogPosition position = lastPosition();
        boolean coordinatorAnswers = role == Role.WRITER ? keeper != null && keeper.valid() : lastLease.reachable();
        return new NodeStatus(config.region(), role, knownEpoch.get(), writerRegion, position.index(), position.epoch(),
                keeper != null && keeper.valid(), fencedFor != null, replicas, role == Role.WRITER ? 0 : lagEntries,
                role == Role.WRITER ? 0 : lagMillis, lastContactMillis, lastError, store.ledger().size(), config.autoFailover(),
                role == Role.REPLICA && coordinatorAnswers && (config.autoFailover() || (config.region().equals(lastLease.holder())
                        && lastLease.epoch() == knownEpoch.get())), decision,
                role == Role.WRITER || (replicator != null && replicator.streaming()));
    }

    public List<LostWrite> lostWrites() {
        return store.ledger();
    }

    public String region() {
        return config.region();
    }

    public Role role() {
        return role;
    }

    long knownEpoch() {
        return knownEpoch.get();
    }

    Coordinator coordinator() {
        return config.coordinator();
    }

    String peerUrl(String region) {
        return book.url(region);
    }

    /** Where each region's node is reached now. */
    public java.util.Map<String, String> peers() {
        return book.all();
    }

    /**
     * Re-points a region to a new address while running. A replica following that region drops its
     * stream and reconnects at the new address (the log resumes where it was: nothing is lost or
     * applied twice).
     */
    public java.util.Map<String, String> repoint(String region, String url) {
        book.set(region, url);
        Replicator following = replicator;
        if (following != null && !region.equals(config.region())) {
            following.reconnect(); // harmless when it follows another region: it resumes at once
        }
        return book.all();
    }

    RocksStore store() {
        return store;
    }

    @Override
    public synchronized void close() {
        running = false;
        supervisor.interrupt();
        if (replicator != null) {
            replicator.close();
        }
        if (committer != null) {
            committer.close();
        }
        if (lease != null) {
            lease.close();
        }
        appended();
        store.close();
    }
}
