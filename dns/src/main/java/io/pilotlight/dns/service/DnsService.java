package io.pilotlight.dns.service;

import io.pilotlight.dns.DnsServer;
import io.pilotlight.dns.UdpIo;
import io.pilotlight.dns.UdpSteering;
import io.pilotlight.dns.ZoneCompiler;
import io.pilotlight.dns.Zones;
import io.pilotlight.dns.control.ControlStore;
import io.pilotlight.dns.control.RoutingControls;
import io.pilotlight.dns.control.SafetyRule;
import io.pilotlight.health.HealthMonitor;
import io.pilotlight.health.VantagePoint;
import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.HealthCheckCatalog;
import io.pilotlight.topology.RoutingControlSettings;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.Problem;
import io.pilotlight.topology.load.TopologyException;
import io.pilotlight.topology.load.TopologyLoader;
import io.pilotlight.http.auth.ServerAuth;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * {@code pilotlight dns serve}: the DNS server with the health checks its records need, routing
 * controls kept in a state directory, an admin API, and reloads from the topology file that never
 * drop a query and never replace good zones with a broken file.
 */
public final class DnsService implements AutoCloseable {
    private final Options options;
    private final SwappableHealth health;
    private final AtomicReference<RoutingControls> controls = new AtomicReference<>();
    private final DnsServer server;
    private final AdminApi admin;
    private final ZoneFileWatcher watcher;
    private final RoutingRefresher refresher;
    private volatile HealthMonitor monitor;
    private volatile Map<String, HealthCheck> checks;
    private volatile Topology topology;

    /**
     * @param admin         address of the admin API, or {@code null} for none
     * @param stateDir      where routing-control state is kept (unless {@code controlStore} says otherwise)
     * @param watchInterval how often the file is checked for changes; {@code null} to reload only on command
     * @param udpIo         how UDP packets are received and sent
     * @param udpSteering   which socket (and thread) the kernel hands a query to
     * @param health        a health monitor someone else built, started and owns (an agent's, whose verdicts are
     *                      shared with other regions), or {@code null} for one of the service's own, built from
     *                      {@code vantagePoints}; see {@link #withHealth}
     * @param controlStore  where routing controls are kept, or {@code null} for {@code stateDir/routing-controls.json};
     *                      see {@link #withControlStore}
     */
    public record Options(Path topologyFile, InetSocketAddress listen, InetSocketAddress admin, Path stateDir, int udpThreads,
                          List<VantagePoint> vantagePoints, Duration watchInterval, Clock clock, UdpIo udpIo, UdpSteering udpSteering,
                          HealthMonitor health, ControlStore controlStore) {
        public Options(Path topologyFile, InetSocketAddress listen, InetSocketAddress admin, Path stateDir, int udpThreads,
                       List<VantagePoint> vantagePoints, Duration watchInterval, Clock clock, UdpIo udpIo, UdpSteering udpSteering) {
            this(topologyFile, listen, admin, stateDir, udpThreads, vantagePoints, watchInterval, clock, udpIo, udpSteering, null, null);
        }

        public Options(Path topologyFile, InetSocketAddress listen, InetSocketAddress admin, Path stateDir, int udpThreads,
                       List<VantagePoint> vantagePoints, Duration watchInterval, Clock clock, UdpIo udpIo) {
            this(topologyFile, listen, admin, stateDir, udpThreads, vantagePoints, watchInterval, clock, udpIo, UdpSteering.AUTO);
        }

        public Options(Path topologyFile, InetSocketAddress listen, InetSocketAddress admin, Path stateDir, int udpThreads,
                       List<VantagePoint> vantagePoints, Duration watchInterval, Clock clock) {
            this(topologyFile, listen, admin, stateDir, udpThreads, vantagePoints, watchInterval, clock, UdpIo.AUTO);
        }

        /**
         * Answers from this monitor's verdicts instead of building one: e.g. an agent's monitor that
         * probes from its own region and counts the other regions' vantage points through etcd, so
         * every region's DNS server gives the same answer. The caller starts and closes it; the
         * service's {@code vantagePoints} are then unused, and a reload that changes the health
         * checks is refused (the monitor's owner must rebuild it).
         */
        public Options withHealth(HealthMonitor health) {
            return new Options(topologyFile, listen, admin, stateDir, udpThreads, vantagePoints, watchInterval, clock, udpIo, udpSteering,
                    Objects.requireNonNull(health, "health"), controlStore);
        }

        /** Keeps routing controls in this store, e.g. one shared with the other regions' DNS servers. */
        public Options withControlStore(ControlStore controlStore) {
            return new Options(topologyFile, listen, admin, stateDir, udpThreads, vantagePoints, watchInterval, clock, udpIo, udpSteering,
                    health, Objects.requireNonNull(controlStore, "controlStore"));
        }
    }

    private DnsService(Options options, Topology topology, ServerAuth auth) throws IOException {
        if (options.admin() != null) {
            ServerAuth.requireProtected("dns admin API", options.admin(), auth.enabled()); // before anything listens
        }
        this.options = options;
        this.topology = topology;
        this.checks = HealthCheckCatalog.of(topology);
        this.monitor = options.health() != null ? options.health() : startMonitor(checks);
        this.health = new SwappableHealth(monitor);
        long serial = options.clock().instant().getEpochSecond();
        Zones zones = ZoneCompiler.compile(topology, serial);
        controls.set(newControls(zones, topology));
        this.server = DnsServer.start(new DnsServer.Settings(options.listen(), options.udpThreads(), RandomGenerator.of("L64X128MixRandom"),
                        options.udpIo(), options.udpSteering()),
                zones, health, member -> controls.get().isOn(member));
        this.admin = options.admin() == null ? null : AdminApi.start(options.admin(), this, auth);
        this.watcher = options.watchInterval() == null ? null
                : new ZoneFileWatcher(options.topologyFile(), options.watchInterval(), this::reload);
        this.refresher = RoutingRefresher.start(controls::get);
    }

    public static DnsService start(Options options) throws IOException, TopologyException {
        return start(options, ServerAuth.NONE);
    }

    /** With the admin API's tokens (see docs/security.md); an admin API beyond loopback needs them. */
    public static DnsService start(Options options, ServerAuth auth) throws IOException, TopologyException {
        return new DnsService(options, TopologyLoader.load(options.topologyFile()).topology(), auth);
    }

    private HealthMonitor startMonitor(Map<String, HealthCheck> catalog) {
        return startMonitor(catalog, null);
    }

    /** With a previous monitor, unchanged checks keep their verdicts, counts and events: a dead primary stays dead across a reload. */
    private HealthMonitor startMonitor(Map<String, HealthCheck> catalog, HealthMonitor previous) {
        HealthMonitor.Builder builder = HealthMonitor.builder().checks(catalog).vantagePoints(options.vantagePoints()).clock(options.clock());
        if (previous != null) {
            builder.continueFrom(previous);
        }
        HealthMonitor started = builder.build();
        started.start();
        return started;
    }

    private RoutingControls newControls(Zones zones, Topology from) {
        List<String> all = new ArrayList<>();
        List<SafetyRule> rules = new ArrayList<>();
        zones.routedGroups().forEach((group, members) -> {
            all.addAll(members);
            if (members.size() > 1) {
                rules.add(new SafetyRule("keep one member of " + group + " on", members, 1));
            }
        });
        RoutingControlSettings settings = from.dnsOrEmpty().routingControlsOrDefault();
        settings.safetyRules().forEach(rule -> rules.add(new SafetyRule(rule.name(),
                rule.controls().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList(), rule.minOn())));
        ControlStore store = options.controlStore() != null ? options.controlStore()
                : ControlStore.file(options.stateDir().resolve("routing-controls.json"));
        RoutingControls built = RoutingControls.withStore(all, rules, settings.waitPeriod(), store, options.clock());
        built.subscribe(change -> {
            if (change.applied()) {
                server().routingChanged();
            }
        });
        return built;
    }

    /** Reads the file again; a file with problems is refused and the running zones keep serving. */
    public synchronized ReloadResult reload() {
        Topology next;
        try {
            next = TopologyLoader.load(options.topologyFile()).topology();
        } catch (TopologyException e) {
            List<String> problems = e.problems().stream().map(Problem::toString).toList();
            return new ReloadResult(false, server.zones().serial(), problems,
                    "refused: " + problems.size() + " problem(s) in " + options.topologyFile() + "; still serving serial " + server.zones().serial());
        }
        long serial = Math.max(server.zones().serial() + 1, options.clock().instant().getEpochSecond());
        Zones zones = ZoneCompiler.compile(next, serial);
        Map<String, HealthCheck> nextChecks = HealthCheckCatalog.of(next);
        if (!nextChecks.equals(checks) && options.health() != null) {
            return new ReloadResult(false, server.zones().serial(), List.of("the health checks changed; they run in a monitor this"
                    + " server does not own (the agent's, shared with other regions)"), "refused: the health checks in "
                    + options.topologyFile() + " changed; restart the agent to run them; still serving serial " + server.zones().serial());
        }
        if (!nextChecks.equals(checks)) {
            HealthMonitor old = monitor;
            monitor = startMonitor(nextChecks, old);
            checks = nextChecks;
            health.swap(monitor);
            old.close();
        }
        controls.set(newControls(zones, next));
        server.reload(zones);
        topology = next;
        return new ReloadResult(true, serial, List.of(), "reloaded " + options.topologyFile() + ": serial " + serial
                + ", zones " + zones.apexes());
    }

    public DnsServer server() {
        return server;
    }

    public HealthMonitor monitor() {
        return monitor;
    }

    public RoutingControls controls() {
        return controls.get();
    }

    public Topology topology() {
        return topology;
    }

    public InetSocketAddress dnsAddress() {
        return server.address();
    }

    public InetSocketAddress adminAddress() {
        return admin == null ? null : admin.address();
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (refresher != null) {
            refresher.close();
        }
        if (admin != null) {
            admin.close();
        }
        server.close();
        if (options.health() == null) {
            monitor.close(); // a monitor given in the options belongs to its owner
        }
    }
}
