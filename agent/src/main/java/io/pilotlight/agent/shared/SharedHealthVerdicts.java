package io.pilotlight.agent.shared;

import io.pilotlight.agent.etcd.EtcdKv;
import io.pilotlight.agent.etcd.EtcdUnreachableException;
import io.pilotlight.health.CheckDetails;
import io.pilotlight.health.HealthMonitor;
import io.pilotlight.health.VantageDetails;
import io.pilotlight.health.VantagePoint;
import io.pilotlight.topology.HealthCheckCatalog;
import io.pilotlight.topology.HealthCheckType;
import io.pilotlight.topology.Topology;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Every region's health verdicts, shared through etcd so every region's DNS server and controller
 * judge an endpoint alike. Each agent probes only from its own vantage point (its region); this
 * publishes that vantage point's per-check threshold state under {@code health/CHECK/VANTAGE},
 * bound to the agent's lease (so it vanishes when the agent dies), and feeds every other region's
 * state into the local monitor as a remote vantage point ({@link HealthMonitor#recordRemote}); the
 * monitor applies the vantage-point rule over all of them.
 *
 * <p>Polling, not watches: one {@code list} per interval, which survives etcd restarts and
 * reconnections without any bookkeeping. The same read shows this agent's own keys, so a state
 * that is missing or different in etcd (a new lease, an etcd that lost its data) is written again.
 *
 * <p>A region whose key is gone (its agent died and its lease lapsed) stops voting. When etcd does
 * not answer, the other regions' last known states keep voting for {@link Settings#staleAfter()},
 * so a slow etcd never flips a verdict; after that they stop voting and this region's own vantage
 * point decides, until etcd answers again. Each of these transitions is logged once.
 */
public final class SharedHealthVerdicts implements AutoCloseable {
    /** Where the states live, relative to the deployment prefix: {@code health/CHECK/VANTAGE}. */
    public static final String PREFIX = "health";
    private static final System.Logger LOG = System.getLogger("io.pilotlight.agent.shared");

    private final EtcdKv kv;
    private final HealthMonitor monitor;
    private final String vantage;
    private final LongSupplier lease;
    private final Settings settings;
    private final LongSupplier nanos;
    private final ScheduledExecutorService timer;
    private long unreachableSince = -1;
    private boolean dropped;

    SharedHealthVerdicts(EtcdKv kv, HealthMonitor monitor, String vantage, LongSupplier lease, Settings settings, LongSupplier nanos) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.vantage = Objects.requireNonNull(vantage, "vantage");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanos = nanos;
        if (monitor.remoteVantages().contains(vantage)) {
            throw new IllegalArgumentException("vantage point \"" + vantage + "\" is one of the monitor's remote vantage points; give"
                    + " the one this agent probes from");
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("shared-health-" + vantage).daemon().factory());
    }

    /**
     * Starts publishing this agent's vantage point and collecting every other one, every
     * {@link Settings#pollInterval()}.
     *
     * @param monitor the agent's monitor: probing from {@code vantage}, every other region as a remote vantage point
     *                (see {@link #monitorFor})
     * @param lease   the agent's current etcd lease, read on every write so a new lease is used at once; while it
     *                is 0 (none yet) nothing is published
     */
    public static SharedHealthVerdicts start(EtcdKv kv, HealthMonitor monitor, String vantage, LongSupplier lease, Settings settings) {
        SharedHealthVerdicts shared = new SharedHealthVerdicts(kv, monitor, vantage, lease, settings, System::nanoTime);
        long every = settings.pollInterval().toNanos();
        shared.timer.scheduleWithFixedDelay(shared::tickSafely, 0, every, TimeUnit.NANOSECONDS);
        return shared;
    }

    /**
     * A monitor builder for the agent of {@code region}: the topology's checks, probed from this
     * region only, with every other region as a remote vantage point. Add a source address, trust
     * or clock as needed, then build and start it.
     */
    public static HealthMonitor.Builder monitorFor(Topology topology, VantagePoint region) {
        List<String> others = topology.regions().keySet().stream().filter(name -> !name.equals(region.name())).toList();
        return HealthMonitor.builder().checks(HealthCheckCatalog.of(topology)).vantagePoints(List.of(region)).remoteVantages(others);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "shared health verdicts: one round failed; trying again in " + settings.pollInterval().toMillis() + "ms", e);
        }
    }

    /** One round: read everyone's states, adopt the others', write this agent's where etcd differs. */
    void tick() {
        Map<String, EtcdKv.Entry> stored;
        try {
            stored = kv.list(PREFIX);
        } catch (EtcdUnreachableException e) {
            unreachable(e);
            return;
        }
        if (unreachableSince >= 0) {
            LOG.log(Level.INFO, "shared health verdicts: etcd answers again; the other regions' vantage points vote again");
            unreachableSince = -1;
            dropped = false;
        }
        Map<String, VantageReport> reports = new HashMap<>();
        stored.forEach((name, entry) -> {
            try {
                reports.put(name, VantageReport.parse(entry.value()));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "shared health verdicts: " + PREFIX + "/" + name + " ignored: " + e.getMessage());
            }
        });
        for (CheckDetails check : monitor.details()) {
            if (check.type() == HealthCheckType.CALCULATED) {
                continue; // calculated checks follow their children on every agent alike
            }
            for (VantageDetails seen : check.vantages()) {
                String name = check.name() + "/" + seen.vantage();
                if (seen.vantage().equals(vantage)) {
                    publish(name, reports.get(name), new VantageReport(seen.status(), seen.reason()));
                } else if (monitor.remoteVantages().contains(seen.vantage())) {
                    VantageReport report = reports.get(name);
                    if (report != null) {
                        monitor.recordRemote(check.name(), seen.vantage(), report.status(), report.reason());
                    } else {
                        monitor.forgetRemote(check.name(), seen.vantage(), "no state in etcd: its agent is gone or has not reported yet");
                    }
                }
            }
        }
    }

    /** Writes only when etcd's copy is missing or says another status: a new reason alone is no news. */
    private void publish(String name, VantageReport stored, VantageReport now) {
        if (stored != null && stored.status() == now.status()) {
            return;
        }
        long id = lease.getAsLong();
        if (id == 0) {
            return; // no lease yet: a state not bound to one would outlive this agent and keep voting for it
        }
        try {
            kv.put(PREFIX + "/" + name, now.json(), id);
        } catch (EtcdUnreachableException e) {
            LOG.log(Level.DEBUG, () -> "shared health verdicts: cannot publish " + name + " now (" + e.getMessage() + "); next round");
        }
    }

    private void unreachable(EtcdUnreachableException e) {
        long now = nanos.getAsLong();
        if (unreachableSince < 0) {
            unreachableSince = now;
            LOG.log(Level.WARNING, "shared health verdicts: etcd unreachable (" + e.getMessage() + "); the other regions' last known"
                    + " vantage-point states keep voting for up to " + settings.staleAfter().toMillis() + "ms");
            return;
        }
        if (!dropped && now - unreachableSince >= settings.staleAfter().toNanos()) {
            dropped = true;
            String why = "etcd unreachable for " + settings.staleAfter().toMillis() + "ms: its last state is too old to trust";
            for (CheckDetails check : monitor.details()) {
                if (check.type() != HealthCheckType.CALCULATED) {
                    check.vantages().stream().map(VantageDetails::vantage).filter(monitor.remoteVantages()::contains)
                            .forEach(remote -> monitor.forgetRemote(check.name(), remote, why));
                }
            }
            LOG.log(Level.WARNING, "shared health verdicts: etcd still unreachable after " + settings.staleAfter().toMillis()
                    + "ms; the other regions' vantage points stop voting and vantage point " + vantage + " decides alone until etcd answers");
        }
    }

    /** Stops the rounds. The published states stay until the agent's lease ends (revoke it on a clean stop). */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param pollInterval how often states are read and written, e.g. 250 ms
     * @param staleAfter   how long the other regions' last known states keep voting while etcd does not answer
     */
    public record Settings(Duration pollInterval, Duration staleAfter) {
        public static final Settings DEFAULTS = new Settings(Duration.ofMillis(250), Duration.ofSeconds(15));

        public Settings {
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(staleAfter, "staleAfter");
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("poll interval " + pollInterval + "; allowed: a positive duration, e.g. 250ms");
            }
            if (staleAfter.compareTo(pollInterval) < 0) {
                throw new IllegalArgumentException("stale after " + staleAfter + "; allowed: at least the poll interval " + pollInterval);
            }
        }
    }
}
