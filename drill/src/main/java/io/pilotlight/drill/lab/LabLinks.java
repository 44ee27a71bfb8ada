package io.pilotlight.drill.lab;

import io.pilotlight.faults.FaultControlServer;
import io.pilotlight.faults.Faults;
import io.pilotlight.faults.FaultyProxy;
import io.pilotlight.http.auth.ServerAuth;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The network between the lab's regions: every inter-region link (a region's store node to another
 * region's node, and to the coordinator) is a fault-injecting proxy on the calling region's address
 * that adds half the topology's round trip in each direction. Each proxy has an HTTP control API,
 * so a drill can cut a region's links (a partition) and heal them.
 */
public final class LabLinks implements AutoCloseable {
    /** The region name used for the coordinator's end of a link. */
    public static final String COORDINATOR = "coordinator";

    /** One direction of use: {@code from}'s node connects to {@code listen} to reach {@code to}. */
    public record Link(String from, String to, InetSocketAddress listen, InetSocketAddress upstream, InetSocketAddress control) {
        public String url() {
            return "http://" + listen.getHostString() + ":" + listen.getPort();
        }
    }

    private final List<Link> links = new ArrayList<>();
    private final List<AutoCloseable> running = new ArrayList<>();

    private final ServerAuth auth;

    private LabLinks(ServerAuth auth) {
        this.auth = auth;
    }

    /**
     * @param regionAddresses each region's address (where its proxies listen)
     * @param storeNodes      the store node of each region that runs one
     */
    public static LabLinks start(Map<String, String> regionAddresses, Map<String, InetSocketAddress> storeNodes,
                                 InetSocketAddress coordinator, Duration roundTrip) throws IOException {
        return start(regionAddresses, storeNodes, coordinator, roundTrip, ServerAuth.NONE);
    }

    /** With the tokens the links' control APIs check. */
    public static LabLinks start(Map<String, String> regionAddresses, Map<String, InetSocketAddress> storeNodes,
                                 InetSocketAddress coordinator, Duration roundTrip, ServerAuth auth) throws IOException {
        LabLinks lab = new LabLinks(auth);
        Faults base = baseFaults(roundTrip);
        try {
            for (String from : storeNodes.keySet()) {
                InetSocketAddress bind = new InetSocketAddress(regionAddresses.get(from), 0);
                lab.add(from, COORDINATOR, bind, coordinator, base);
                for (var to : storeNodes.entrySet()) {
                    if (!to.getKey().equals(from)) {
                        lab.add(from, to.getKey(), bind, to.getValue(), base);
                    }
                }
            }
        } catch (IOException | RuntimeException failed) {
            lab.close();
            throw failed;
        }
        return lab;
    }

    /** Half the round trip each way; nothing at all for a zero round trip. */
    public static Faults baseFaults(Duration roundTrip) {
        return roundTrip.isZero() ? Faults.none() : Faults.none().withLatency(roundTrip.dividedBy(2));
    }

    private void add(String from, String to, InetSocketAddress bind, InetSocketAddress upstream, Faults base) throws IOException {
        FaultyProxy proxy = FaultyProxy.builder(upstream).listen(bind).faults(base).start();
        running.add(proxy);
        FaultControlServer control = FaultControlServer.start(new InetSocketAddress("127.0.0.1", 0), proxy, auth);
        running.add(control);
        links.add(new Link(from, to, proxy.address(), upstream, control.address()));
    }

    public List<Link> links() {
        return List.copyOf(links);
    }

    /** The URL {@code from}'s node uses to reach {@code to} ({@link #COORDINATOR} for the coordinator). */
    public String url(String from, String to) {
        return links.stream().filter(l -> l.from().equals(from) && l.to().equals(to)).findFirst().map(Link::url)
                .orElseThrow(() -> new IllegalArgumentException("no lab link from " + from + " to " + to));
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception ignored) {
                // closing the rest anyway
            }
        }
    }
}
