package io.pilotlight.drill.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotlight.drill.lab.LabFile;
import io.pilotlight.topology.Topology;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The addresses of a drill's lab. A lab the drill starts takes free ports for whatever the user did
 * not set (a fixed default such as the DNS admin API's 5380 made a drill fail beside any other
 * `dns serve`); a running lab that the drill uses is found where its lab file says it serves.
 */
public record LabAddresses(String dns, String dnsAdmin, String coordinator, int storePort) {

    /**
     * The addresses to use: what the user gave ({@code given}, null or 0 where not given), else a running lab's
     * (from its lab file), else free ports for a lab the drill starts itself ({@code defaults} where neither applies).
     */
    public static LabAddresses choose(LabAddresses given, LabAddresses defaults, Topology topology, Path labState) throws IOException {
        Optional<JsonNode> running = LabFile.running(labState).map(LabFile::raw);
        String dns = given.dns();
        if (dns == null) {
            dns = running.map(lab -> lab.path("dns").asText(null)).orElse(null);
            dns = dns != null ? dns : "127.0.0.1:" + freeUdpAndTcp();
        }
        String dnsAdmin = given.dnsAdmin();
        if (dnsAdmin == null) {
            String recorded = running.map(lab -> lab.path("dns_admin").asText(null)).orElse(null);
            dnsAdmin = recorded != null ? recorded : running.isPresent() ? defaults.dnsAdmin() : "127.0.0.1:" + freeTcp("127.0.0.1");
        }
        String coordinator = given.coordinator();
        if (coordinator == null) {
            String recorded = running.map(lab -> lab.path("coordinator").asText(null)).orElse(null);
            coordinator = recorded != null ? recorded : running.isPresent() ? defaults.coordinator()
                    : "http://127.0.0.1:" + freeTcp("127.0.0.1");
        }
        int storePort = given.storePort();
        if (storePort <= 0) {
            int recorded = running.map(lab -> lab.path("store_port").asInt(0)).orElse(0);
            storePort = recorded > 0 ? recorded : running.isPresent() ? defaults.storePort()
                    : freeOnAll(topology.regions().values().stream().map(r -> r.address()).filter(a -> a != null).toList());
        }
        return new LabAddresses(dns, dnsAdmin, coordinator, storePort);
    }

    private static int freeTcp(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        }
    }

    /** A port free for both UDP and TCP on 127.0.0.1 (a DNS server takes both). */
    private static int freeUdpAndTcp() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = freeTcp("127.0.0.1");
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no port free for both UDP and TCP on 127.0.0.1 after 20 tries");
    }

    /** A port free on every region's address (each region's store node listens on its own address with the same port). */
    private static int freeOnAll(java.util.List<String> hosts) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = freeTcp(hosts.isEmpty() ? "127.0.0.1" : hosts.get(0));
            boolean free = true;
            for (String host : hosts) {
                try (ServerSocket probe = new ServerSocket()) {
                    probe.bind(new InetSocketAddress(host, port));
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return port;
            }
        }
        throw new IOException("no port free on every region's address " + hosts + " after 20 tries");
    }
}
