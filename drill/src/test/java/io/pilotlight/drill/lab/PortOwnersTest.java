package io.pilotlight.drill.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lab names whoever listens on its addresses: Java's dual-stack sockets (tcp6), UDP, the wildcard address. */
class PortOwnersTest {

    @Test
    void aTcpListenerOnALabAddressIsFoundWithItsProcess() throws Exception {
        try (ServerSocket stray = new ServerSocket()) {
            stray.bind(new InetSocketAddress("127.0.3.1", 0));
            InetSocketAddress wanted = new InetSocketAddress("127.0.3.1", stray.getLocalPort());
            List<PortOwners.Listener> found = PortOwners.on(List.of(wanted));
            assertThat(found).hasSize(1);
            assertThat(found.get(0).pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(found.get(0).describe()).startsWith("TCP 127.0.3.1:" + stray.getLocalPort() + " is taken by pid "
                    + ProcessHandle.current().pid());
        }
    }

    @Test
    void aUdpSocketAndTheWildcardAddressCountToo() throws Exception {
        try (DatagramSocket dns = new DatagramSocket(new InetSocketAddress("0.0.0.0", 0))) {
            List<PortOwners.Listener> found = PortOwners.on(List.of(new InetSocketAddress("127.0.4.1", dns.getLocalPort())));
            assertThat(found).extracting(PortOwners.Listener::protocol).contains("UDP");
        }
    }

    @Test
    void aFreeAddressHasNoOwner() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        assertThat(PortOwners.on(List.of(new InetSocketAddress("127.0.5.1", port)))).isEmpty();
    }

    @Test
    void procAddressesParseForBothFamilies() {
        assertThat(PortOwners.parse("0101007F:1F40")).isEqualTo(new InetSocketAddress("127.0.1.1", 8000));
        assertThat(PortOwners.parse("0000000000000000FFFF00000101007F:1F40")).isEqualTo(new InetSocketAddress("127.0.1.1", 8000));
    }
}
