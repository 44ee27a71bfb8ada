package io.pilotlight.store.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three-hosts-on-one-machine harness itself: addresses, TCP between hosts, partitions, a host dying, clean-up. */
class NetnsHostsTest {
    private static final int PORT = 7100;

    private static boolean connects(NetnsHosts hosts, String from, String to) {
        return hosts.run(from, Duration.ofSeconds(20), NetnsProbe.command("connect", hosts.address(to), Integer.toString(PORT), "500")
                .toArray(String[]::new)).ok();
    }

    /** Waits until {@code from} reaches the listener on {@code to} (the listener's JVM takes a moment to start). */
    private static boolean connectsWithin(NetnsHosts hosts, String from, String to, Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            if (connects(hosts, from, to)) {
                return true;
            }
        }
        return false;
    }

    private static void listen(NetnsHosts hosts, String host) {
        hosts.exec(host, "listen-" + host + ".log", NetnsProbe.command("listen", Integer.toString(PORT)).toArray(String[]::new));
    }

    @Test
    void everyHostHasItsOwnAddressOnOneSubnetAndReachesTheOthersOverTcp(@TempDir Path dir) {
        try (NetnsHosts hosts = NetnsHosts.create(dir, "a", "b", "c")) {
            assertThat(hosts.hosts()).containsExactly("a", "b", "c");
            String prefix = hosts.address("a").substring(0, hosts.address("a").lastIndexOf('.') + 1);
            assertThat(List.of(hosts.address("a"), hosts.address("b"), hosts.address("c")))
                    .containsExactly(prefix + "1", prefix + "2", prefix + "3");
            listen(hosts, "a");
            listen(hosts, "c");
            assertThat(connectsWithin(hosts, "b", "a", Duration.ofSeconds(15))).as("b reaches a").isTrue();
            assertThat(connectsWithin(hosts, "b", "c", Duration.ofSeconds(15))).as("b reaches c").isTrue();
            assertThat(connects(hosts, "a", "c")).as("a reaches c").isTrue();
            assertThat(connects(hosts, "a", "a")).as("a reaches itself on its own address").isTrue();
        }
    }

    @Test
    void aPartitionedHostIsCutOffBothWaysUntilHealed(@TempDir Path dir) {
        try (NetnsHosts hosts = NetnsHosts.create(dir, "a", "b", "c")) {
            listen(hosts, "a");
            listen(hosts, "b");
            assertThat(connectsWithin(hosts, "c", "a", Duration.ofSeconds(15))).isTrue();
            assertThat(connectsWithin(hosts, "c", "b", Duration.ofSeconds(15))).isTrue();

            hosts.partition("a");
            assertThat(connects(hosts, "b", "a")).as("b reaches partitioned a").isFalse();
            assertThat(connects(hosts, "a", "b")).as("partitioned a reaches b").isFalse();
            assertThat(connects(hosts, "c", "b")).as("the others still reach each other").isTrue();
            assertThat(connects(hosts, "a", "a")).as("a still reaches itself").isTrue();

            hosts.heal("a");
            assertThat(connectsWithin(hosts, "b", "a", Duration.ofSeconds(10))).as("b reaches a after healing").isTrue();
            assertThat(connects(hosts, "a", "b")).as("a reaches b after healing").isTrue();
        }
    }

    @Test
    void aForwardReachesAHostFromTheTestJvmAsSeenFromTheHostItGoesThrough(@TempDir Path dir) throws Exception {
        try (NetnsHosts hosts = NetnsHosts.create(dir, "a", "b", "c")) {
            listen(hosts, "a");
            assertThat(connectsWithin(hosts, "c", "a", Duration.ofSeconds(15))).isTrue();
            NetnsForward throughC = hosts.forward("c", hosts.address("a"), PORT);
            NetnsForward local = hosts.forward("a", hosts.address("a"), PORT);
            assertThat(pong(throughC.port())).isEqualTo("pong");
            assertThat(pong(local.port())).isEqualTo("pong");

            hosts.partition("a");
            assertThat(pong(throughC.port())).as("through c, partitioned a is out of reach").isNull();
            assertThat(pong(local.port())).as("a itself still reaches its own listener").isEqualTo("pong");
            hosts.heal("a");
            assertThat(pong(throughC.port())).isEqualTo("pong");

            hosts.kill("a");
            assertThat(pong(local.port())).as("the relay died with its host").isNull();
        }
    }

    /** The line a listener answers through a forward, or null when the connection gives nothing. */
    private static String pong(int port) {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(3000);
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                    .readLine();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Test
    void killingAHostEndsEveryProcessInItAndNoneElsewhere(@TempDir Path dir) throws Exception {
        try (NetnsHosts hosts = NetnsHosts.create(dir, "a", "b")) {
            Process first = hosts.exec("a", "sleep.log", "sleep", "600");
            Process second = hosts.exec("a", "sleep.log", "sh", "-c", "sleep 600 & sleep 600");
            Process other = hosts.exec("b", "sleep.log", "sleep", "600");
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (hosts.pids("a").size() < 4 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(hosts.pids("a")).hasSize(4);

            hosts.kill("a");

            assertThat(hosts.pids("a")).isEmpty();
            assertThat(first.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(second.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(other.isAlive()).isTrue();
            assertThat(hosts.pids("b")).containsExactly(other.pid());
        }
    }

    @Test
    void closingRemovesEveryNamespaceAndProcessOfTheRun(@TempDir Path dir) throws Exception {
        NetnsHosts hosts = NetnsHosts.create(dir, "a", "b");
        String ns = hosts.namespace("a");
        String hub = ns.substring(0, ns.indexOf('-')) + "-hub";
        Process sleeper = hosts.exec("b", "sleep.log", "sleep", "600");
        assertThat(namespaces()).contains(ns, hosts.namespace("b"), hub);

        hosts.close();

        assertThat(sleeper.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(namespaces()).doesNotContain(ns, hosts.namespace("b"), hub);
    }

    private static String namespaces() throws Exception {
        Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String text = new String(list.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        list.waitFor();
        return text;
    }
}
