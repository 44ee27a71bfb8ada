package io.pilotlight.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Partitions on real sockets. The recording server lets each direction be watched alone: what the
 * client sends shows up in {@code peer.received()}, what the peer sends is read by the client.
 */
class PartitionTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aOneWayPartitionStopsBytesOneWayButNotTheOther() throws Exception {
        try (RecordingServer server = new RecordingServer();
             FaultyProxy proxy = FaultyProxy.builder(server.address()).start();
             Client client = new Client(proxy.address())) {
            client.send("before|");
            RecordingServer.Peer peer = server.peer(0);
            await().atMost(WAIT).until(() -> peer.received().equals("before|"));

            proxy.faults(Faults.none().partitioned(Direction.UPSTREAM, Partition.DROP));
            client.send("lost|");
            peer.send("tick");
            assertThat(client.readText(4)).as("downstream still flows").isEqualTo("tick");
            await().atMost(WAIT).until(() -> proxy.stats().upstreamDroppedBytes() == 5);
            assertThat(peer.received()).isEqualTo("before|");
            assertThat(proxy.stats().connectionsOpen()).isEqualTo(1);
        }
    }

    @Test
    void healingADropPartitionLetsTheSameConnectionFlowAgainWithoutTheDroppedBytes() throws Exception {
        try (RecordingServer server = new RecordingServer();
             FaultyProxy proxy = FaultyProxy.builder(server.address()).faults(Faults.none().partitioned(Direction.UPSTREAM, Partition.DROP)).start();
             Client client = new Client(proxy.address())) {
            client.send("lost|");
            await().atMost(WAIT).until(() -> proxy.stats().upstreamDroppedBytes() == 5);
            proxy.faults(proxy.faults().healed());
            client.send("after|");
            RecordingServer.Peer peer = server.peer(0);
            await().atMost(WAIT).until(() -> peer.received().equals("after|"));
            assertThat(server.peers).hasSize(1);
        }
    }

    @Test
    void aTwoWayPartitionStopsBothWaysAndKeepsTheConnectionOpen() throws Exception {
        try (RecordingServer server = new RecordingServer();
             FaultyProxy proxy = FaultyProxy.builder(server.address()).start();
             Client client = new Client(proxy.address())) {
            client.send("hello|");
            RecordingServer.Peer peer = server.peer(0);
            await().atMost(WAIT).until(() -> peer.received().equals("hello|"));

            proxy.faults(Faults.none().partitioned(Partition.DROP));
            client.send("up|");
            peer.send("down|");
            assertThat(client.silentFor(QUIET)).isTrue();
            await().atMost(WAIT).until(() -> proxy.stats().upstreamDroppedBytes() == 3 && proxy.stats().downstreamDroppedBytes() == 5);
            assertThat(peer.received()).isEqualTo("hello|");

            proxy.faults(Faults.none());
            client.send("again|");
            peer.send("back|");
            assertThat(client.readText(5)).isEqualTo("back|");
            await().atMost(WAIT).until(() -> peer.received().equals("hello|again|"));
        }
    }

    @Test
    void aNewConnectionDuringAPartitionIsAcceptedButNothingFlows() throws Exception {
        try (RecordingServer server = new RecordingServer();
             FaultyProxy proxy = FaultyProxy.builder(server.address()).faults(Faults.none().partitioned(Partition.DROP)).start();
             Client client = new Client(proxy.address())) {
            client.send("anyone?");
            RecordingServer.Peer peer = server.peer(0);
            peer.send("here");
            assertThat(client.silentFor(QUIET)).isTrue();
            assertThat(peer.received()).isEmpty();
            assertThat(proxy.stats().connectionsOpen()).isEqualTo(1);
        }
    }

    @Test
    void refusingConnectionsResetsNewOnesAtOnceAndKeepsExistingOnes() throws Exception {
        try (RecordingServer server = new RecordingServer();
             FaultyProxy proxy = FaultyProxy.builder(server.address()).start();
             Client existing = new Client(proxy.address())) {
            server.peer(0);
            proxy.faults(Faults.none().refusingConnections(true));
            assertThat(Client.brokenConnection(proxy.address())).isNotNull();
            assertThat(proxy.stats().connectionsRefused()).isEqualTo(1);
            existing.send("still here");
            await().atMost(WAIT).until(() -> server.peer(0).received().equals("still here"));
            assertThat(server.peers).hasSize(1);
        }
    }

    @Test
    void aHoldPartitionDeliversHeldBytesInOrderWhenItHeals() throws Exception {
        try (RecordingServer server = new RecordingServer();
             FaultyProxy proxy = FaultyProxy.builder(server.address()).faults(Faults.none().partitioned(Direction.UPSTREAM, Partition.HOLD)).start();
             Client client = new Client(proxy.address())) {
            for (int i = 0; i < 5; i++) {
                client.send(i + "|");
            }
            RecordingServer.Peer peer = server.peer(0);
            Thread.sleep(QUIET.toMillis());
            assertThat(peer.received()).isEmpty();
            proxy.faults(Faults.none());
            await().atMost(WAIT).until(() -> peer.received().equals("0|1|2|3|4|"));
            assertThat(proxy.stats().upstreamDroppedBytes()).isZero();
        }
    }

    @Test
    void anEndOfStreamWaitsForThePartitionToHeal() throws Exception {
        try (RecordingServer server = new RecordingServer();
             FaultyProxy proxy = FaultyProxy.builder(server.address()).start();
             Client client = new Client(proxy.address())) {
            RecordingServer.Peer peer = server.peer(0);
            proxy.faults(Faults.none().partitioned(Partition.DROP));
            client.socket.shutdownOutput();
            Thread.sleep(QUIET.toMillis());
            assertThat(peer.ended).isFalse();
            proxy.faults(Faults.none());
            await().atMost(WAIT).until(() -> peer.ended);
        }
    }
}
