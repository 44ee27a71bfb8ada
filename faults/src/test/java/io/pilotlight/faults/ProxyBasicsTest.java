package io.pilotlight.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Without faults the proxy is a transparent pipe; its life cycle and counters. */
class ProxyBasicsTest {
    @Test
    void forwardsBytesUnchangedBothWays() throws Exception {
        byte[] payload = new byte[1 << 20];
        new Random(1).nextBytes(payload);
        try (EchoServer echo = new EchoServer();
             FaultyProxy proxy = FaultyProxy.builder(echo.address()).start();
             Client client = new Client(proxy.address())) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    client.send(payload);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(client.read(payload.length)).isEqualTo(payload);
            writer.join();
            // The proxy counts a chunk once its write returns, which may be just after the client read it.
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.stats().downstreamBytes() == payload.length);
            ProxyStats stats = proxy.stats();
            assertThat(stats.upstreamBytes()).isEqualTo(payload.length);
            assertThat(stats.downstreamBytes()).isEqualTo(payload.length);
            assertThat(stats.connectionsAccepted()).isEqualTo(1);
            assertThat(stats.connectionsOpen()).isEqualTo(1);
        }
    }

    @Test
    void endOfStreamIsForwardedEachWayAndThenTheConnectionCloses() throws Exception {
        try (RecordingServer server = new RecordingServer();
             FaultyProxy proxy = FaultyProxy.builder(server.address()).start();
             Client client = new Client(proxy.address())) {
            client.send("request");
            client.socket.shutdownOutput();
            RecordingServer.Peer peer = server.peer(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> peer.ended);
            assertThat(peer.received()).isEqualTo("request");
            peer.send("response");
            peer.socket.shutdownOutput();
            assertThat(client.readText(8)).isEqualTo("response");
            assertThat(client.readUntilBroken()).isEqualTo("end of stream");
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.stats().connectionsOpen() == 0);
        }
    }

    @Test
    void closingTheProxyClosesItsConnectionsAndStopsListening() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            FaultyProxy proxy = FaultyProxy.builder(echo.address()).start();
            InetSocketAddress address = proxy.address();
            try (Client client = new Client(address)) {
                client.roundTrip(10);
                proxy.close();
                assertThat(client.readUntilBroken()).isNotNull();
            }
            assertThat(connectable(address)).isFalse();
        }
    }

    @Test
    void anUnreachableUpstreamResetsTheClientAndIsCounted() throws Exception {
        InetSocketAddress nobody;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = (InetSocketAddress) closed.getLocalSocketAddress();
        }
        try (FaultyProxy proxy = FaultyProxy.builder(nobody).start()) {
            assertThat(Client.brokenConnection(proxy.address())).isNotNull();
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.stats().upstreamConnectFailures() == 1);
        }
    }

    @Test
    void listensOnAGivenLoopbackAddress() throws Exception {
        try (EchoServer echo = new EchoServer();
             FaultyProxy proxy = FaultyProxy.builder(echo.address()).listen(new InetSocketAddress("127.0.2.1", 0)).start();
             Client client = new Client(proxy.address())) {
            assertThat(proxy.address().getAddress().getHostAddress()).isEqualTo("127.0.2.1");
            assertThat(proxy.address().getPort()).isPositive();
            client.roundTrip(100);
        }
    }

    @Test
    void aPortInUseIsReportedWithTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = (InetSocketAddress) taken.getLocalSocketAddress();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaultyProxy.builder(address).listen(address).start())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot listen on");
        }
    }

    private static boolean connectable(InetSocketAddress address) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(address, 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
