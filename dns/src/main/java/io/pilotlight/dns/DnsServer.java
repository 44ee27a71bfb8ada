package io.pilotlight.dns;

import io.pilotlight.health.HealthView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * The authoritative server: UDP and TCP on one address, answering from zones that can be swapped
 * at any time without dropping a query, with health and routing controls applied per query.
 */
public final class DnsServer implements AutoCloseable {
    private final AtomicReference<AnswerEngine> engine = new AtomicReference<>();
    private final HealthView health;
    private final RoutingState controls;
    private final RandomGenerator random;
    private final QueryProcessor processor;
    private final UdpTransport udp;
    private final TcpTransport tcp;
    private volatile Zones zones;

    private DnsServer(Settings settings, Zones zones, HealthView health, RoutingState controls) throws IOException {
        this.health = health;
        this.controls = controls;
        this.random = settings.random();
        this.zones = zones;
        engine.set(new AnswerEngine(zones, health, controls, random));
        this.processor = new QueryProcessor(new WireHandler(engine::get));
        health.subscribe(event -> processor.invalidate());
        UdpTransport boundUdp = null;
        TcpTransport boundTcp = null;
        // Port 0: the UDP port the kernel picks may be taken for TCP by someone else; pick again.
        for (int attempt = 0; boundTcp == null; attempt++) {
            boundUdp = UdpTransport.open(settings.listen(), settings.udpThreads(), processor, settings.udpIo(), settings.udpSteering(),
                    settings.steeringTuning());
            try {
                boundTcp = new TcpTransport(new InetSocketAddress(settings.listen().getAddress(), boundUdp.address().getPort()), processor);
            } catch (java.net.BindException taken) {
                boundUdp.close();
                if (settings.listen().getPort() != 0 || attempt >= 20) {
                    throw taken;
                }
            }
        }
        this.udp = boundUdp;
        this.tcp = boundTcp;
    }

    /**
     * @param listen     address and port for UDP and TCP; port 0 picks a free port (the same for both)
     * @param udpThreads sockets and threads serving UDP
     * @param random     source of weighted and multivalue choices; seed it in tests
     * @param udpIo      how UDP packets are received and sent
     * @param udpSteering which socket (and thread) the kernel hands a query to
     * @param steeringTuning how {@link UdpSteering#AUTO} judges where queries arrive
     */
    public record Settings(InetSocketAddress listen, int udpThreads, RandomGenerator random, UdpIo udpIo, UdpSteering udpSteering,
                           SteeringTuning steeringTuning) {
        public Settings {
            if (udpThreads < 1) {
                throw new IllegalArgumentException("udpThreads must be at least 1, was " + udpThreads);
            }
            java.util.Objects.requireNonNull(udpIo, "udpIo");
            java.util.Objects.requireNonNull(udpSteering, "udpSteering");
            java.util.Objects.requireNonNull(steeringTuning, "steeringTuning");
        }

        public Settings(InetSocketAddress listen, int udpThreads, RandomGenerator random, UdpIo udpIo, UdpSteering udpSteering) {
            this(listen, udpThreads, random, udpIo, udpSteering, SteeringTuning.DEFAULT);
        }

        public Settings(InetSocketAddress listen, int udpThreads, RandomGenerator random, UdpIo udpIo) {
            this(listen, udpThreads, random, udpIo, UdpSteering.AUTO);
        }

        public Settings(InetSocketAddress listen, int udpThreads, RandomGenerator random) {
            this(listen, udpThreads, random, UdpIo.AUTO);
        }
    }

    public static DnsServer start(Settings settings, Zones zones, HealthView health, RoutingState controls) throws IOException {
        return new DnsServer(settings, zones, health, controls);
    }

    public InetSocketAddress address() {
        return udp.address();
    }

    /** The UDP transport in use, e.g. "recvmmsg/sendmmsg (FFM), 2 sockets", for the start-up line. */
    public String udpTransport() {
        return udp.description();
    }

    /** How UDP queries are spread over the threads right now, and why. */
    public String udpSteering() {
        return udp.steering();
    }

    /** How many UDP queries each thread has taken. */
    public long[] udpQueriesByThread() {
        return udp.queriesByThread();
    }

    public Zones zones() {
        return zones;
    }

    /** Serves new zone data from the next query on; queries in flight finish on the old data. */
    public void reload(Zones newZones) {
        this.zones = newZones;
        engine.set(new AnswerEngine(newZones, health, controls, random));
        processor.invalidate();
    }

    /** Call when routing controls change, so cached answers are recomputed. */
    public void routingChanged() {
        processor.invalidate();
    }

    public long queries() {
        return processor.queries.sum();
    }

    public long cacheHits() {
        return processor.cacheHits.sum();
    }

    public long dropped() {
        return processor.dropped.sum();
    }

    @Override
    public void close() {
        udp.close();
        tcp.close();
    }
}
