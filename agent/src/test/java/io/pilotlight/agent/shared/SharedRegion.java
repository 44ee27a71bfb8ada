package io.pilotlight.agent.shared;

import io.pilotlight.agent.etcd.EtcdKv;
import io.pilotlight.agent.etcd.EtcdUnreachableException;
import io.pilotlight.dns.service.DnsService;
import io.pilotlight.health.HealthMonitor;
import io.pilotlight.health.VantagePoint;
import io.pilotlight.store.coord.EtcdProcess;
import io.pilotlight.topology.load.TopologyLoader;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one region's agent wires for shared health and routing, as the agent will: a lease kept
 * alive, a monitor probing from this region's address with every other region as a remote vantage
 * point, the verdict publisher, and a DNS server answering from that monitor and the etcd control store.
 */
final class SharedRegion implements AutoCloseable {
    static final Duration LEASE = Duration.ofSeconds(2);
    final String region;
    final EtcdKv kv;
    final HealthMonitor monitor;
    final SharedHealthVerdicts shared;
    final DnsService dns;
    private final AtomicLong lease = new AtomicLong();
    private final ScheduledExecutorService keepAlive;

    SharedRegion(EtcdProcess etcd, String prefix, Path topologyFile, String region, String address, Path stateDir,
                SharedHealthVerdicts.Settings settings) throws Exception {
        this.region = region;
        this.kv = Etcd.client(etcd, prefix);
        lease.set(kv.grant(LEASE));
        keepAlive = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("keep-alive-" + region).daemon().factory());
        keepAlive.scheduleWithFixedDelay(this::renew, 500, 500, TimeUnit.MILLISECONDS);
        monitor = SharedHealthVerdicts.monitorFor(TopologyLoader.load(topologyFile).topology(), VantagePoint.bound(region, address))
                .clock(Clock.systemUTC()).build();
        monitor.start();
        shared = SharedHealthVerdicts.start(kv, monitor, region, lease::get, settings);
        DnsService.Options options = new DnsService.Options(topologyFile, new InetSocketAddress(address, 0),
                new InetSocketAddress(address, 0), stateDir, 1, List.of(VantagePoint.of(region)), null, Clock.systemUTC())
                .withHealth(monitor)
                .withControlStore(new EtcdControlStore(kv, stateDir.resolve("routing-controls.last-known.json"), Duration.ofMillis(200)));
        dns = DnsService.start(options);
    }

    private void renew() {
        try {
            if (!kv.keepAlive(lease.get())) {
                lease.set(kv.grant(LEASE)); // it lapsed (e.g. etcd was down longer than the lease): the publisher rewrites under the new one
            }
        } catch (EtcdUnreachableException e) {
            // next round
        }
    }

    String answer(String name) throws Exception {
        return Dns.answer(dns.dnsAddress(), name);
    }

    /** Stops as an agent that dies cleanly does: its lease is revoked, so its published states vanish at once. */
    @Override
    public void close() {
        keepAlive.shutdownNow();
        shared.close();
        dns.close();
        monitor.close();
        kv.revokeQuietly(lease.get());
        kv.close();
    }
}
