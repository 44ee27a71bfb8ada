package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A region's endpoint: where its server is, and how the region reaches the others and the lease (the lab's links). */
class MemberTest {

    @Test
    void aManagedEndpointNamesItsAddressItsLinksAndItsLeaseRoute() {
        Member east = Member.parse("east", "pgmanaged:/var/lab/pg/east?host=127.0.1.1&port=7001&lease=http://127.0.1.1:4100"
                + "&via.west=127.0.1.1:4200", () -> null);
        Member west = Member.parse("west", "pgmanaged:/var/lab/pg/west?host=127.0.2.1&port=7001", () -> null);
        assertThat(east.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.1.1:7001/postgres?user=postgres");
        assertThat(east.lease()).isEqualTo("http://127.0.1.1:4100");
        assertThat(east.reach(west)).as("east streams from west through its link").isEqualTo(new HostPort("127.0.1.1", 4200));
        assertThat(west.reach(east)).as("no link: directly").isEqualTo(new HostPort("127.0.1.1", 7001));
        assertThat(ManagedServer.conninfo(east.reach(west), "east")).isEqualTo("host=127.0.1.1 port=4200 user=pilotlight_repl"
                + " application_name=east");
    }

    @Test
    void anUnknownParameterOrABadLinkIsRefusedNamingWhatIsAllowed() {
        assertThatThrownBy(() -> Member.parse("east", "pgmanaged:/pg/east?port=7001&hots=127.0.1.1", () -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("east: managed endpoint \"pgmanaged:/pg/east?port=7001&hots=127.0.1.1\": unknown parameter \"hots=127.0.1.1\";"
                        + " allowed: port, host, lease, via.REGION");
        assertThatThrownBy(() -> Member.parse("east", "pgmanaged:/pg/east?port=7001&via.west=4200", () -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("east: via.west: \"4200\" is not HOST:PORT");
    }
}
