package io.pilotlight.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Latency and jitter on real loopback sockets. Lower bounds are strict (the proxy must never
 * deliver early); upper bounds are loose, for a busy two-core machine.
 */
class LatencyTest {
    private static final long MS = 1_000_000;

    @Test
    void latencyAddsToEachWayOfARoundTrip() throws Exception {
        try (EchoServer echo = new EchoServer();
             FaultyProxy proxy = FaultyProxy.builder(echo.address()).faults(Faults.none().withLatency(Duration.ofMillis(50))).start();
             Client client = new Client(proxy.address())) {
            List<Long> samples = samples(client, 5);
            assertThat(samples).allSatisfy(rtt -> assertThat(rtt).isGreaterThanOrEqualTo(100 * MS));
            assertThat(median(samples)).isLessThan(350 * MS);
        }
    }

    @Test
    void aOneWayLatencyDelaysOnlyItsDirection() throws Exception {
        Faults upOnly = Faults.none().with(Direction.UPSTREAM, link -> link.withLatency(Duration.ofMillis(60)));
        try (EchoServer echo = new EchoServer();
             FaultyProxy proxy = FaultyProxy.builder(echo.address()).faults(upOnly).start();
             Client client = new Client(proxy.address())) {
            List<Long> samples = samples(client, 5);
            assertThat(samples).allSatisfy(rtt -> assertThat(rtt).isGreaterThanOrEqualTo(60 * MS));
            assertThat(median(samples)).as("the downstream adds no delay").isLessThan(200 * MS);
        }
    }

    @Test
    void jitterKeepsEveryRoundTripWithinLatencyPlusOrMinusJitterEachWay() throws Exception {
        Faults faults = Faults.none().withLatency(Duration.ofMillis(30), Duration.ofMillis(20));
        try (EchoServer echo = new EchoServer();
             FaultyProxy proxy = FaultyProxy.builder(echo.address()).faults(faults).seed(5).start();
             Client client = new Client(proxy.address())) {
            List<Long> samples = samples(client, 30);
            assertThat(samples).allSatisfy(rtt -> assertThat(rtt).isGreaterThanOrEqualTo(20 * MS));
            // At most 100 ms plus scheduling noise, which on a loaded machine can be large: the exact
            // bounds of every delay are checked without sockets in StamperTest.
            assertThat(median(samples)).isLessThan(250 * MS);
            assertThat(Collections.max(samples) - Collections.min(samples)).as("jitter varies the delay").isGreaterThan(10 * MS);
        }
    }

    @Test
    void latencyDoesNotSerialiseThroughput() throws Exception {
        int size = 48 << 20;
        try (EchoServer echo = new EchoServer();
             FaultyProxy proxy = FaultyProxy.builder(echo.address()).faults(Faults.none().withLatency(Duration.ofMillis(20))).start();
             Client client = new Client(proxy.address())) {
            double mibPerSecond = Transfers.echoThroughput(client, size);
            // One chunk per latency would give 64 KiB / 20 ms = 3.2 MiB/s.
            assertThat(mibPerSecond).as("MiB/s through a 40 ms round trip").isGreaterThan(20.0);
        }
    }

    static List<Long> samples(Client client, int count) throws IOException {
        client.roundTrip(1);
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(client.roundTrip(64));
        }
        return samples;
    }

    static long median(List<Long> samples) {
        List<Long> sorted = samples.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
