package io.pilotlight.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resetting connections: all at once, and new ones with a seeded probability. */
class ResetTest {
    @Test
    void resetAllKillsEveryCurrentConnectionOnBothSides() throws Exception {
        try (RecordingServer server = new RecordingServer();
             FaultyProxy proxy = FaultyProxy.builder(server.address()).start();
             Client first = new Client(proxy.address());
             Client second = new Client(proxy.address())) {
            server.peer(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.stats().connectionsOpen() == 2);

            assertThat(proxy.resetAll()).isEqualTo(2);

            assertThat(first.readUntilBroken()).containsIgnoringCase("reset");
            assertThat(second.readUntilBroken()).containsIgnoringCase("reset");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.peer(0).failure != null && server.peer(1).failure != null);
            assertThat(server.peer(0).failure).hasMessageContaining("reset");
            ProxyStats stats = proxy.stats();
            assertThat(stats.connectionsReset()).isEqualTo(2);
            assertThat(stats.connectionsOpen()).isZero();
        }
    }

    @Test
    void newConnectionsWorkAfterAReset() throws Exception {
        try (EchoServer echo = new EchoServer();
             FaultyProxy proxy = FaultyProxy.builder(echo.address()).start()) {
            try (Client client = new Client(proxy.address())) {
                client.roundTrip(10);
                proxy.resetAll();
                assertThat(client.readUntilBroken()).containsIgnoringCase("reset");
            }
            try (Client client = new Client(proxy.address())) {
                client.roundTrip(10);
            }
        }
    }

    @Test
    void aResetProbabilityOfOneResetsEveryNewConnection() throws Exception {
        try (EchoServer echo = new EchoServer();
             FaultyProxy proxy = FaultyProxy.builder(echo.address()).faults(Faults.none().withResetProbability(1.0)).start()) {
            for (int i = 0; i < 3; i++) {
                assertThat(Client.brokenConnection(proxy.address())).isNotNull();
            }
            assertThat(proxy.stats().connectionsReset()).isEqualTo(3);
            assertThat(echo.accepted.get()).isZero();
        }
    }

    @Test
    void whichNewConnectionsAreResetIsReproducibleFromTheSeed() throws Exception {
        Faults half = Faults.none().withResetProbability(0.5);
        try (EchoServer echo = new EchoServer();
             FaultyProxy a = FaultyProxy.builder(echo.address()).faults(half).seed(7).start();
             FaultyProxy b = FaultyProxy.builder(echo.address()).faults(half).seed(7).start()) {
            List<Boolean> fromA = survivors(a.address(), 20);
            List<Boolean> fromB = survivors(b.address(), 20);
            assertThat(fromA).isEqualTo(fromB).contains(true, false);
            assertThat(a.stats().connectionsReset()).isEqualTo(fromA.stream().filter(ok -> !ok).count());
        }
    }

    /** Opens connections one after the other; true for each one that carried an echo. */
    private static List<Boolean> survivors(InetSocketAddress address, int count) {
        List<Boolean> survived = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try (Client client = new Client(address)) {
                client.roundTrip(1);
                survived.add(true);
            } catch (IOException reset) {
                survived.add(false);
            }
        }
        return survived;
    }
}
