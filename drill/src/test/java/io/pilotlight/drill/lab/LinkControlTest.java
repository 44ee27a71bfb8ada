package io.pilotlight.drill.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.faults.Direction;
import io.pilotlight.faults.FaultControlServer;
import io.pilotlight.faults.FaultyProxy;
import io.pilotlight.faults.Partition;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A drill cuts and heals a region's links through the real control API of each link's proxy, as lab.json names them. */
class LinkControlTest {

    @Test
    void cutsAndHealsEveryLinkOfARegionAndNoOther(@TempDir Path dir) throws Exception {
        try (ServerSocket upstream = new ServerSocket(0);
             FaultyProxy eastToWest = FaultyProxy.builder(new InetSocketAddress("127.0.0.1", upstream.getLocalPort())).start();
             FaultyProxy westToSouth = FaultyProxy.builder(new InetSocketAddress("127.0.0.1", upstream.getLocalPort())).start();
             FaultControlServer eastWestControl = FaultControlServer.start(new InetSocketAddress("127.0.0.1", 0), eastToWest);
             FaultControlServer westSouthControl = FaultControlServer.start(new InetSocketAddress("127.0.0.1", 0), westToSouth)) {
            Files.writeString(dir.resolve(LabFile.NAME), """
                    {"round_trip_ms": 40, "links": [
                      {"from": "east", "to": "west", "control": "127.0.0.1:%d"},
                      {"from": "west", "to": "south", "control": "127.0.0.1:%d"}]}
                    """.formatted(eastWestControl.address().getPort(), westSouthControl.address().getPort()));
            LinkControl links = LinkControl.of(dir);

            assertThat(links.cut("east")).isEqualTo(1);
            assertThat(eastToWest.faults().link(Direction.UPSTREAM).partition()).isEqualTo(Partition.DROP);
            assertThat(eastToWest.faults().link(Direction.DOWNSTREAM).latency()).isEqualTo(Duration.ofMillis(20));
            assertThat(eastToWest.faults().refuseConnections()).isTrue();
            assertThat(westToSouth.faults().refuseConnections()).as("a link not touching east").isFalse();

            assertThat(links.heal("east")).isEqualTo(1);
            assertThat(eastToWest.faults().link(Direction.UPSTREAM).partition()).isEqualTo(Partition.NONE);
            assertThat(eastToWest.faults().link(Direction.UPSTREAM).latency()).isEqualTo(Duration.ofMillis(20));
            assertThat(eastToWest.faults().refuseConnections()).isFalse();

            assertThat(links.cut("west")).isEqualTo(2);
            assertThatThrownBy(() -> links.cut("north")).hasMessageContaining("the lab has no links to or from north");
        }
    }
}
