package io.pilotlight.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.health.HealthStatus;
import io.pilotlight.topology.load.TopologyLoader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class MultivalueTest {

    @Test
    void answersUpToEightHealthyValues() throws Exception {
        StringBuilder yaml = new StringBuilder("""
                name: mv
                objectives: {rto: 5m, rpo: 1m}
                regions: {east: {role: primary}}
                health_checks:
                """);
        for (int i = 1; i <= 10; i++) {
            yaml.append("  c").append(i).append(": {type: TCP, ip_address: 127.0.0.1, port: ").append(i).append("}\n");
        }
        yaml.append("dns:\n  zones:\n    example.org:\n      record_sets:\n");
        for (int i = 1; i <= 10; i++) {
            yaml.append("        - {name: mv, type: A, set_identifier: m").append(i)
                    .append(", multivalue_answer_routing_policy: true, health_check: c").append(i)
                    .append(", records: [198.51.100.").append(i).append("]}\n");
        }
        SettableHealth health = new SettableHealth();
        for (int i = 1; i <= 4; i++) {
            health.set("c" + i, HealthStatus.UNHEALTHY);
        }
        var zones = ZoneCompiler.compile(TopologyLoader.parse("mv.yaml", yaml.toString()).topology(), 1);
        try (DnsServer server = DnsServer.start(new DnsServer.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1,
                RandomGenerator.of("L64X128MixRandom")), zones, health, RoutingState.ALL_ON)) {
            SimpleResolver resolver = new SimpleResolver(server.address());
            Message response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("mv.example.org."), Type.A, DClass.IN)));
            assertThat(response.getSection(Section.ANSWER)).hasSize(6)
                    .extracting(Record::rdataToString).doesNotContain("198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4");
            health.set("c1", HealthStatus.HEALTHY).set("c2", HealthStatus.HEALTHY).set("c3", HealthStatus.HEALTHY);
            response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("mv.example.org."), Type.A, DClass.IN)));
            assertThat(response.getSection(Section.ANSWER)).as("at most 8 of the 9 healthy").hasSize(8);
        }
    }
}
