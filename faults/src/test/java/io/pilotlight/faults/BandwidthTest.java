package io.pilotlight.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bandwidth cap on real sockets; the token bucket itself is tested in {@link TokenBucketTest}. */
class BandwidthTest {
    private static final long MS = 1_000_000;
    private static final int MIB = 1024 * 1024;

    @Test
    void aCapOfOneMebibytePerSecondMakesTwoMebibytesTakeAboutTwoSeconds() throws Exception {
        Faults capped = Faults.none().with(Direction.UPSTREAM, link -> link.withBandwidth(MIB));
        try (EchoServer echo = new EchoServer();
             FaultyProxy proxy = FaultyProxy.builder(echo.address()).faults(capped).start();
             Client client = new Client(proxy.address())) {
            long nanos = Transfers.echo(client, 2 * MIB);
            assertThat(nanos).isGreaterThanOrEqualTo(1_800 * MS).isLessThan(6_000 * MS);
        }
    }

    @Test
    void theCapIsSharedByAllConnectionsOfTheProxy() throws Exception {
        Faults capped = Faults.none().with(Direction.UPSTREAM, link -> link.withBandwidth(MIB));
        try (EchoServer echo = new EchoServer();
             FaultyProxy proxy = FaultyProxy.builder(echo.address()).faults(capped).start();
             Client first = new Client(proxy.address());
             Client second = new Client(proxy.address())) {
            long start = System.nanoTime();
            Thread other = Thread.ofVirtual().start(() -> {
                try {
                    Transfers.echo(second, MIB);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Transfers.echo(first, MIB);
            other.join();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(1_800 * MS);
        }
    }
}
