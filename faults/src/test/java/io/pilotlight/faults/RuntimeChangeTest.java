package io.pilotlight.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Faults switched while a connection is open apply to that connection from then on. */
class RuntimeChangeTest {
    private static final long MS = 1_000_000;

    @Test
    void latencySwitchedOnAndOffAppliesToAnOpenConnection() throws Exception {
        try (EchoServer echo = new EchoServer();
             FaultyProxy proxy = FaultyProxy.builder(echo.address()).start();
             Client client = new Client(proxy.address())) {
            assertThat(LatencyTest.median(LatencyTest.samples(client, 5))).isLessThan(60 * MS);

            proxy.faults(Faults.none().withLatency(Duration.ofMillis(60)));
            assertThat(LatencyTest.samples(client, 3)).allSatisfy(rtt -> assertThat(rtt).isGreaterThanOrEqualTo(120 * MS));

            proxy.faults(Faults.none());
            assertThat(LatencyTest.median(LatencyTest.samples(client, 5))).isLessThan(60 * MS);
            assertThat(echo.accepted.get()).isEqualTo(1);
        }
    }

    @Test
    void aBandwidthCapSwitchedOnSlowsAnOpenConnection() throws Exception {
        try (EchoServer echo = new EchoServer();
             FaultyProxy proxy = FaultyProxy.builder(echo.address()).start();
             Client client = new Client(proxy.address())) {
            client.roundTrip(10);
            proxy.faults(Faults.none().with(Direction.DOWNSTREAM, link -> link.withBandwidth(256 * 1024)));
            long nanos = Transfers.echo(client, 512 * 1024);
            assertThat(nanos).as("512 KiB at 256 KiB/s").isGreaterThan(1_800 * MS);
        }
    }
}
