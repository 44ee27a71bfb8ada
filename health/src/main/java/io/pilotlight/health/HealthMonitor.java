package io.pilotlight.health;

import io.pilotlight.topology.HealthCheck;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * Runs health checks the way Route 53 does: every HTTP, HTTPS and TCP check from every vantage
 * point on its own fixed-rate schedule, thresholds both ways, the healthy-checker fraction rule,
 * calculated, inverted and disabled checks; every change is an event with evidence and a reason.
 *
 * <pre>{@code
 * try (HealthMonitor monitor = HealthMonitor.builder()
 *         .checks(HealthCheckCatalog.of(topology))
 *         .vantagePoints(List.of(VantagePoint.of("local")))
 *         .build()) {
 *     monitor.start();
 *     monitor.status("api-eu-west-1");
 * }
 * }</pre>
 */
public final class HealthMonitor implements HealthView, AutoCloseable {
    private final EventLog log;
    private final HealthBoard board;
    private final ProbeScheduler scheduler;
    private final Map<String, HealthCheck> checks;
    private final Set<String> remoteVantages;
    private boolean started;
    private boolean closed;

    private HealthMonitor(MonitorConfig config, Ticker ticker, HealthMonitor previous) {
        this.checks = config.checks();
        this.log = new EventLog(config.eventCapacity());
        if (previous != null) {
            log.seed(previous.events());
        }
        this.board = new HealthBoard(config.checks(), config.vantagePoints(), config.remoteVantages(), log, config.clock(),
                previous == null ? Carryover.NONE : new Carryover(previous.board));
        this.remoteVantages = Set.copyOf(config.remoteVantages());
        this.scheduler = new ProbeScheduler(config, board, ticker);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts probing. Until then (and on a cold start generally) every check shows its initial state. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("this health monitor is closed; build a new one to start again");
        }
        if (!started) {
            started = true;
            scheduler.start();
        }
    }

    /** Stops every schedule; probes in flight are interrupted and their results dropped. */
    @Override
    public synchronized void close() {
        closed = true;
        scheduler.close();
    }

    @Override
    public HealthStatus status(String check) {
        return board.status(check);
    }

    @Override
    public Map<String, HealthStatus> snapshot() {
        return board.snapshot();
    }

    /** Hears every change of a check's verdict (the {@link HealthEvent#AGGREGATE} events). */
    @Override
    public void subscribe(Consumer<HealthEvent> listener) {
        log.subscribeAggregate(Objects.requireNonNull(listener, "listener"));
    }

    /** Hears every change: each checker's own view as well as the aggregate verdicts. */
    public void subscribeAll(Consumer<HealthEvent> listener) {
        log.subscribeAll(Objects.requireNonNull(listener, "listener"));
    }

    /** The latest state changes (per checker and aggregate), oldest first, up to the log's capacity. */
    public List<HealthEvent> events() {
        return log.recent();
    }

    /**
     * A remote checker's threshold state for one endpoint check, as the agent that runs it reports
     * it (see {@link Builder#remoteVantages}). A change is an event for that checker, and the
     * check's verdict follows the vantage-point rule over every checker that votes.
     *
     * @throws IllegalArgumentException when the check is not an endpoint check here or the vantage is not one of the remote ones
     */
    public void recordRemote(String check, String vantage, HealthStatus status, String reason) {
        board.recordRemote(check, vantage, Objects.requireNonNull(status, "status"), Objects.requireNonNull(reason, "reason"));
    }

    /**
     * The remote checker has no report for this check any more (its agent is gone, or its report
     * is too old to trust): it stops voting either way until it reports again. {@code why} says
     * which, for the checker's reason.
     */
    public void forgetRemote(String check, String vantage, String why) {
        board.forgetRemote(check, vantage, Objects.requireNonNull(why, "why"));
    }

    /** The checkers other agents run, whose states come from {@link #recordRemote}; empty by default. */
    public Set<String> remoteVantages() {
        return remoteVantages;
    }

    /** The checks this monitor runs, by name, in the order given. */
    public Map<String, HealthCheck> checks() {
        return checks;
    }

    /** Status, reason, each checker's view, last probe and consecutive counts of one check. */
    public Optional<CheckDetails> details(String check) {
        return checks.containsKey(check) ? Optional.of(board.details(check)) : Optional.empty();
    }

    /** {@link #details(String)} for every check, in the order the checks were given. */
    public List<CheckDetails> details() {
        return checks.keySet().stream().map(board::details).toList();
    }

    /** Configures a {@link HealthMonitor}; {@link #build()} checks everything at once. */
    public static final class Builder {
        private Map<String, HealthCheck> checks = Map.of();
        private List<VantagePoint> vantagePoints = List.of(VantagePoint.of("local"));
        private List<String> remoteVantages = List.of();
        private Clock clock = Clock.systemUTC();
        private long seed = 0x5EED;
        private int eventCapacity = 1000;
        private SSLContext trusted;
        private ProbeListener probeListener = ProbeListener.NONE;
        private Ticker ticker = Ticker.system();
        private HealthMonitor previous;

        private Builder() {
        }

        /** The checks to run, by name; e.g. {@code HealthCheckCatalog.of(topology)}. */
        public Builder checks(Map<String, HealthCheck> checks) {
            this.checks = new LinkedHashMap<>(Objects.requireNonNull(checks, "checks"));
            return this;
        }

        /** The checkers; by default one, named {@code local}, with the system's source address. */
        public Builder vantagePoints(List<VantagePoint> vantagePoints) {
            this.vantagePoints = List.copyOf(vantagePoints);
            return this;
        }

        /**
         * Checkers this monitor does not probe from: each is another agent's vantage point, whose
         * per-check threshold state arrives through {@link HealthMonitor#recordRemote} (in a
         * deployment, from the agents' shared store). They count in the vantage-point rule like
         * local checkers, but only while they have a report: a remote checker that never reported,
         * or whose report was withdrawn ({@link HealthMonitor#forgetRemote}), votes neither way,
         * so when no remote checker reports, the local ones decide alone. None by default.
         */
        public Builder remoteVantages(Collection<String> names) {
            this.remoteVantages = List.copyOf(names);
            return this;
        }

        /** Timestamps of results and events; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Seeds the stagger of start times; the same seed gives the same schedule. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How many events {@link HealthMonitor#events()} keeps; 1000 by default. */
        public Builder eventCapacity(int eventCapacity) {
            this.eventCapacity = eventCapacity;
            return this;
        }

        /** Whom HTTPS checks with {@code verify_certificate} trust; the JDK's default trust store by default. */
        public Builder trust(SSLContext trusted) {
            this.trusted = Objects.requireNonNull(trusted, "trusted");
            return this;
        }

        /** Hears every probe, e.g. for metrics. */
        public Builder probeListener(ProbeListener probeListener) {
            this.probeListener = Objects.requireNonNull(probeListener, "probeListener");
            return this;
        }

        /**
         * Continues from the monitor this one replaces, e.g. on a zone reload: every check whose
         * definition is unchanged keeps each checker's verdict, consecutive counts and last result,
         * and the event log carries over. Build the new monitor, start it, then close the old one.
         */
        public Builder continueFrom(HealthMonitor previous) {
            this.previous = Objects.requireNonNull(previous, "previous");
            return this;
        }

        Builder ticker(Ticker ticker) {
            this.ticker = ticker;
            return this;
        }

        /** @throws InvalidHealthConfigException listing every problem with the checks or vantage points */
        public HealthMonitor build() {
            MonitorConfig config = new MonitorConfig(Collections.unmodifiableMap(new LinkedHashMap<>(checks)), vantagePoints, remoteVantages, clock, seed, eventCapacity,
                    trusted != null ? trusted : DefaultTrust.context(), probeListener);
            return new HealthMonitor(config.validate(), ticker, previous);
        }
    }
}
