package io.pilotlight.dns.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.health.VantagePoint;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The whole chain on real sockets: HTTP endpoints, the health monitor, the DNS server. Stopping the
 * primary endpoint moves the answer to the secondary within failure_threshold x request_interval
 * plus one interval, and it moves back when the endpoint recovers.
 */
class FailoverEndToEndTest {
    static final Duration INTERVAL = Duration.ofMillis(200);
    static final int THRESHOLD = 3;

    static String topology(int primaryPort, int secondaryPort) {
        return """
                name: e2e
                objectives: {rto: 1m, rpo: 1m}
                regions:
                  east: {role: primary, address: 127.0.0.1}
                  west: {role: standby, address: 127.0.0.1}
                services:
                  api:
                    health_check: {type: HTTP, resource_path: /healthz, search_string: ok, request_interval: 200ms, failure_threshold: 3, timeout: 150ms}
                    endpoints:
                      east: {address: 127.0.0.1, port: %d}
                      west: {address: 127.0.0.1, port: %d}
                dns:
                  zones:
                    example.net:
                      record_sets:
                        - {name: api, type: A, ttl: 5, set_identifier: p, failover_routing_policy: {type: PRIMARY}, health_check: api-east, records: [192.0.2.1]}
                        - {name: api, type: A, ttl: 5, set_identifier: s, failover_routing_policy: {type: SECONDARY}, health_check: api-west, records: [192.0.2.2]}
                """.formatted(primaryPort, secondaryPort);
    }

    static String answer(SimpleResolver resolver) throws Exception {
        Message response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("api.example.net."), Type.A, DClass.IN)));
        return response.getSection(Section.ANSWER).get(0).rdataToString();
    }

    @Test
    void answerMovesToTheSecondaryWithinDetectionTimeAndBack(@TempDir Path dir) throws Exception {
        try (LocalHttp primary = new LocalHttp("127.0.0.1"); LocalHttp secondary = new LocalHttp("127.0.0.1")) {
            Path file = dir.resolve("e2e.yaml");
            Files.writeString(file, topology(primary.port(), secondary.port()));
            DnsService.Options options = new DnsService.Options(file, new InetSocketAddress("127.0.0.1", 0), null, dir.resolve("state"), 1,
                    List.of(VantagePoint.of("east"), VantagePoint.of("west")), null, Clock.systemUTC());
            try (DnsService service = DnsService.start(options)) {
                SimpleResolver resolver = new SimpleResolver(service.dnsAddress());
                await().atMost(Duration.ofSeconds(5)).until(() -> answer(resolver).equals("192.0.2.1"));

                Duration bound = INTERVAL.multipliedBy(THRESHOLD).plus(INTERVAL);
                long stoppedAt = System.nanoTime();
                primary.stop();
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> answer(resolver).equals("192.0.2.2"));
                Duration moved = Duration.ofNanos(System.nanoTime() - stoppedAt);
                // the bound, plus the probe timeout and scheduling slack of a loaded 2-core machine
                assertThat(moved).as("failover took " + moved.toMillis() + "ms").isLessThanOrEqualTo(bound.plus(Duration.ofMillis(400)));

                primary.start();
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> answer(resolver).equals("192.0.2.1"));
                assertThat(service.monitor().events()).anySatisfy(event -> {
                    assertThat(event.check()).isEqualTo("api-east");
                    assertThat(event.evidence()).isNotNull();
                    assertThat(event.reason()).isNotBlank();
                });
            }
        }
    }
}
