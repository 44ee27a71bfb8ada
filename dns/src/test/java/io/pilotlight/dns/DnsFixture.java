package io.pilotlight.dns;

import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.TopologyException;
import io.pilotlight.topology.load.TopologyLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** A real server on 127.0.0.1 with a test zone, and a dnsjava resolver pointed at it. */
final class DnsFixture implements AutoCloseable {
    static final String ZONE = """
            name: dns-test
            objectives: {rto: 5m, rpo: 1m}
            regions:
              east: {role: primary}
              west: {role: standby}
            health_checks:
              east: {type: TCP, ip_address: 127.0.0.1, port: 1, request_interval: 10s, timeout: 2s}
              west: {type: TCP, ip_address: 127.0.0.1, port: 2, request_interval: 10s, timeout: 2s}
            dns:
              zones:
                example.com:
                  soa: {minimum: 30s, serial: 7}
                  record_sets:
                    - {name: api, type: A, ttl: 60, set_identifier: primary, failover_routing_policy: {type: PRIMARY}, health_check: east, region: east, records: [192.0.2.1]}
                    - {name: api, type: A, ttl: 60, set_identifier: secondary, failover_routing_policy: {type: SECONDARY}, health_check: west, region: west, records: [192.0.2.2]}
                    - {name: closed, type: A, ttl: 60, set_identifier: p, failover_routing_policy: {type: PRIMARY}, health_check: east, fail_closed: true, records: [192.0.2.1]}
                    - {name: closed, type: A, ttl: 60, set_identifier: s, failover_routing_policy: {type: SECONDARY}, health_check: west, fail_closed: true, records: [192.0.2.2]}
                    - {name: www, type: A, alias: {name: api, evaluate_target_health: true}}
                    - {name: web, type: CNAME, ttl: 300, records: [api.example.com]}
                    - {name: w, type: A, ttl: 20, set_identifier: a, weighted_routing_policy: {weight: 3}, health_check: east, records: [192.0.2.11]}
                    - {name: w, type: A, ttl: 20, set_identifier: b, weighted_routing_policy: {weight: 1}, health_check: west, records: [192.0.2.12]}
                    - {name: w, type: A, ttl: 20, set_identifier: spare, weighted_routing_policy: {weight: 0}, records: [192.0.2.13]}
                    - {name: "@", type: MX, ttl: 3600, records: ["10 mail.example.com"]}
                    - {name: "@", type: TXT, ttl: 300, records: ["v=spf1 -all"]}
                    - {name: _sip._tcp, type: SRV, ttl: 300, records: ["10 5 5060 sip.example.com"]}
                    - {name: "@", type: CAA, ttl: 300, records: ["0 issue \\"letsencrypt.org\\""]}
                    - {name: v6, type: AAAA, ttl: 300, records: ["2001:db8::1"]}
                    - {name: deep.below.example.com, type: A, ttl: 300, records: [192.0.2.50]}
                    - {name: big, type: TXT, ttl: 300, records: [%s]}
            """.formatted(bigTxtValues());

    final SettableHealth health = new SettableHealth();
    final DnsServer server;

    DnsFixture(RoutingState controls, UdpIo udpIo) throws IOException, TopologyException {
        this(controls, udpIo, UdpSteering.AUTO, 2);
    }

    DnsFixture(RoutingState controls, UdpIo udpIo, UdpSteering steering, int udpThreads) throws IOException, TopologyException {
        this(controls, udpIo, steering, udpThreads, SteeringTuning.DEFAULT);
    }

    DnsFixture(RoutingState controls, UdpIo udpIo, UdpSteering steering, int udpThreads, SteeringTuning tuning)
            throws IOException, TopologyException {
        Topology topology = TopologyLoader.parse("dns-test.yaml", ZONE).topology();
        server = DnsServer.start(new DnsServer.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), udpThreads,
                RandomGenerator.of("L64X128MixRandom"), udpIo, steering, tuning), ZoneCompiler.compile(topology, 1), health, controls);
    }

    DnsFixture(UdpIo udpIo, UdpSteering steering, int udpThreads) throws IOException, TopologyException {
        this(RoutingState.ALL_ON, udpIo, steering, udpThreads);
    }

    DnsFixture(RoutingState controls) throws IOException, TopologyException {
        this(controls, UdpIo.AUTO);
    }

    DnsFixture(UdpIo udpIo) throws IOException, TopologyException {
        this(RoutingState.ALL_ON, udpIo);
    }

    DnsFixture() throws IOException, TopologyException {
        this(RoutingState.ALL_ON);
    }

    private static String bigTxtValues() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            out.append(i == 0 ? "" : ", ").append("\"chunk-").append(i).append("-").append("x".repeat(40)).append("\"");
        }
        return out.toString();
    }

    SimpleResolver resolver(boolean tcp) {
        SimpleResolver resolver = new SimpleResolver(server.address());
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(3));
        return resolver;
    }

    Message query(String name, int type) throws IOException {
        return resolver(false).send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    Set<String> addresses(String name) throws IOException {
        Set<String> out = new HashSet<>();
        for (Record record : query(name, Type.A).getSection(org.xbill.DNS.Section.ANSWER)) {
            out.add(record.rdataToString());
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
