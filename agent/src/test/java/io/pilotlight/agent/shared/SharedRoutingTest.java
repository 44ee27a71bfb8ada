package io.pilotlight.agent.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.agent.etcd.EtcdKv;
import io.pilotlight.dns.service.AdminClient;
import io.pilotlight.dns.service.DnsService;
import io.pilotlight.health.VantagePoint;
import io.pilotlight.store.coord.EtcdProcess;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two regions' DNS servers (each on its own loopback address, as two agents would run them) keep
 * their routing controls in one etcd: a change made through either admin API moves both servers'
 * answers, safety rules hold across them, and without etcd the answers stay while changes are refused.
 */
class SharedRoutingTest {
    static final String API = "api.example.net.";
    static final String PRIMARY = "api.example.net/p";
    static final String SECONDARY = "api.example.net/s";
    static final String TOPOLOGY = """
            name: shared-routing
            objectives: {rto: 1m, rpo: 1m}
            regions:
              east: {role: primary}
              west: {role: standby}
            dns:
              zones:
                example.net:
                  record_sets:
                    - {name: api, type: A, ttl: 5, set_identifier: p, failover_routing_policy: {type: PRIMARY}, records: [192.0.2.1]}
                    - {name: api, type: A, ttl: 5, set_identifier: s, failover_routing_policy: {type: SECONDARY}, records: [192.0.2.2]}
            """;

    @TempDir
    Path dir;
    EtcdProcess etcd;
    EtcdKv eastKv;
    EtcdKv westKv;
    DnsService east;
    DnsService west;

    @BeforeEach
    void start() throws Exception {
        etcd = EtcdProcess.start(dir.resolve("etcd"));
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, TOPOLOGY);
        eastKv = Etcd.client(etcd, "/shared-routing");
        westKv = Etcd.client(etcd, "/shared-routing");
        east = dns(file, "127.0.31.1", eastKv, "east");
        west = dns(file, "127.0.31.2", westKv, "west");
    }

    private DnsService dns(Path file, String address, EtcdKv kv, String region) throws Exception {
        DnsService.Options options = new DnsService.Options(file, new InetSocketAddress(address, 0), new InetSocketAddress(address, 0),
                dir.resolve(region), 1, List.of(VantagePoint.of(region)), null, Clock.systemUTC())
                .withControlStore(new EtcdControlStore(kv, dir.resolve(region).resolve("routing-controls.last-known.json"),
                        Duration.ofMillis(200)));
        return DnsService.start(options);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable open : new AutoCloseable[] {east, west, eastKv, westKv, etcd}) {
            if (open != null) {
                open.close();
            }
        }
    }

    static AdminClient admin(DnsService service) {
        InetSocketAddress address = service.adminAddress();
        return new AdminClient(address.getHostString() + ":" + address.getPort());
    }

    static AdminClient.Reply set(DnsService service, String control, String state) throws Exception {
        return admin(service).post("/routing", Map.of("control", control, "state", state, "by", "test", "reason", "drill"));
    }

    @Test
    void aChangeThroughOneRegionsAdminApiMovesTheOtherRegionsAnswersWithinASecond() throws Exception {
        assertThat(Dns.answer(east.dnsAddress(), API)).isEqualTo("192.0.2.1");
        assertThat(Dns.answer(west.dnsAddress(), API)).isEqualTo("192.0.2.1");

        AdminClient.Reply off = set(east, PRIMARY, "off");
        assertThat(off.status()).as(off.pretty()).isEqualTo(200);
        long changed = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> Dns.answer(west.dnsAddress(), API).equals("192.0.2.2"));
        Duration took = Duration.ofNanos(System.nanoTime() - changed);
        assertThat(Dns.answer(east.dnsAddress(), API)).isEqualTo("192.0.2.2");
        assertThat(west.controls().list()).filteredOn(c -> c.control().equals(PRIMARY)).singleElement()
                .satisfies(c -> assertThat(c.changedBy()).isEqualTo("test"));
        System.out.println("west's answer moved " + took.toMillis() + "ms after east's change");
    }

    @Test
    void aSafetyRuleRefusesAChangeThatOnlyTheOtherRegionsStateBreaks() throws Exception {
        assertThat(set(east, PRIMARY, "off").status()).isEqualTo(200);
        // at once, before west's refresh could run: west decides on etcd's latest state, not on its own copy
        AdminClient.Reply refused = set(west, SECONDARY, "off");
        assertThat(refused.status()).as(refused.pretty()).isEqualTo(409);
        assertThat(refused.body().path("reason").asText()).contains("refused: it would break keep one member of");
        assertThat(Dns.answer(west.dnsAddress(), API)).isEqualTo("192.0.2.2");
    }

    @Test
    void withEtcdKilledAnswersStayAndAChangeIsRefusedClearly() throws Exception {
        assertThat(set(east, PRIMARY, "off").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).until(() -> Dns.answer(west.dnsAddress(), API).equals("192.0.2.2"));

        etcd.stop();
        AdminClient.Reply refused = set(west, PRIMARY, "on");
        assertThat(refused.status()).as(refused.pretty()).isEqualTo(503);
        assertThat(refused.body().path("applied").asBoolean(true)).isFalse();
        assertThat(refused.body().path("reason").asText()).startsWith("etcd unreachable; routing unchanged");
        for (int i = 0; i < 10; i++) {
            assertThat(Dns.answer(east.dnsAddress(), API)).isEqualTo("192.0.2.2");
            assertThat(Dns.answer(west.dnsAddress(), API)).isEqualTo("192.0.2.2");
            Thread.sleep(100);
        }

        etcd.start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> set(west, PRIMARY, "on").status() == 200);
        await().atMost(Duration.ofSeconds(1)).until(() -> Dns.answer(east.dnsAddress(), API).equals("192.0.2.1"));
    }

    @Test
    void aServerStartedWhileEtcdIsDownServesTheLastKnownState() throws Exception {
        assertThat(set(east, PRIMARY, "off").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).until(() -> west.controls().list().stream()
                .anyMatch(c -> c.control().equals(PRIMARY) && !c.on()));
        west.close();
        etcd.stop();

        west = dns(dir.resolve("topology.yaml"), "127.0.31.2", westKv, "west");
        assertThat(Dns.answer(west.dnsAddress(), API)).isEqualTo("192.0.2.2");
    }
}
