package io.pilotlight.dns.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.health.VantagePoint;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Zone data reloads, on command and on file change, without dropping a query; a broken file changes nothing. */
class ReloadTest {
    private static String zone(String address) {
        return """
                name: reload
                objectives: {rto: 1m, rpo: 1m}
                regions: {east: {role: primary}}
                dns:
                  zones:
                    example.org:
                      record_sets:
                        - {name: www, type: A, ttl: 5, records: [%s]}
                """.formatted(address);
    }

    private static String ask(SimpleResolver resolver) throws Exception {
        Message response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("www.example.org."), Type.A, DClass.IN)));
        return response.getSection(Section.ANSWER).get(0).rdataToString();
    }

    @Test
    void reloadsWithoutDroppingQueriesAndRefusesABrokenFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("zone.yaml");
        Files.writeString(file, zone("192.0.2.1"));
        var options = new DnsService.Options(file, new InetSocketAddress("127.0.0.1", 0), null, dir.resolve("state"), 2,
                List.of(VantagePoint.of("local")), Duration.ofMillis(100), Clock.systemUTC());
        try (DnsService service = DnsService.start(options)) {
            SimpleResolver resolver = new SimpleResolver(service.dnsAddress());
            resolver.setTimeout(Duration.ofSeconds(2));
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            Thread load = Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    try {
                        ask(resolver);
                        answered.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            for (int i = 2; i <= 6; i++) {
                Files.writeString(file, zone("192.0.2." + i));
                ReloadResult result = service.reload();
                assertThat(result.applied()).isTrue();
                assertThat(ask(resolver)).isEqualTo("192.0.2." + i);
            }
            Files.writeString(file, zone("not-an-ip"));
            ReloadResult refused = service.reload();
            assertThat(refused.applied()).isFalse();
            assertThat(refused.problems()).anyMatch(p -> p.contains("is not an IPv4 address"));
            assertThat(ask(resolver)).as("the old zone keeps serving").isEqualTo("192.0.2.6");

            Files.writeString(file, zone("192.0.2.99"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ask(resolver).equals("192.0.2.99"));
            running.set(false);
            load.join();
            assertThat(failed.get()).as("queries lost during reloads").isZero();
            assertThat(answered.get()).isPositive();
        }
    }
}
