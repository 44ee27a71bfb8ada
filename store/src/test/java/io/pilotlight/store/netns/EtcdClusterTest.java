package io.pilotlight.store.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 3-member etcd across three namespace hosts: it keeps serving with one member's host dead, and the member rejoins. */
class EtcdClusterTest {
    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Puts through etcd's JSON gateway on {@code member}, asked from {@code from}. */
    private static NetnsHosts.Result put(NetnsHosts hosts, EtcdCluster etcd, String from, String member, String key, String value) {
        return hosts.run(from, Duration.ofSeconds(20), NetnsProbe.command("http", "POST", etcd.clientUrl(member) + "/v3/kv/put", "3000",
                "{\"key\":\"" + b64(key) + "\",\"value\":\"" + b64(value) + "\"}").toArray(String[]::new));
    }

    private static NetnsHosts.Result get(NetnsHosts hosts, EtcdCluster etcd, String from, String member, String key) {
        return hosts.run(from, Duration.ofSeconds(20), NetnsProbe.command("http", "POST", etcd.clientUrl(member) + "/v3/kv/range", "3000",
                "{\"key\":\"" + b64(key) + "\"}").toArray(String[]::new));
    }

    @Test
    void threeMembersKeepServingWithOneMembersHostKilledAndItRejoins(@TempDir Path dir) {
        try (NetnsHosts hosts = NetnsHosts.create(dir.resolve("logs"), "a", "b", "c");
             EtcdCluster etcd = EtcdCluster.start(hosts, dir.resolve("etcd"), EtcdCluster.Timing.ACROSS_HOSTS, "a", "b", "c")) {
            assertThat(etcd.target("/pilotlight/test").toString())
                    .isEqualTo("etcd://" + hosts.address("a") + ":2379," + hosts.address("b") + ":2379," + hosts.address("c") + ":2379/pilotlight/test");
            assertThat(put(hosts, etcd, "c", "a", "before", "1").ok()).isTrue();

            hosts.kill("a"); // the region dies, its etcd member with it
            assertThat(etcd.running("a")).isFalse();

            // if a's member led, the other two elect a leader first (an election timeout, longer on a loaded machine):
            // a client retries, as etcd's own clients do
            NetnsHosts.Result[] during = new NetnsHosts.Result[1];
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> (during[0] = put(hosts, etcd, "c", "b", "during", "2")).ok());
            NetnsHosts.Result read = get(hosts, etcd, "b", "c", "before");
            assertThat(read.ok()).as(read.output()).isTrue();
            assertThat(read.output()).contains(b64("1"));
            assertThat(put(hosts, etcd, "c", "a", "lost", "3").ok()).as("the dead member answers nothing").isFalse();

            etcd.restart("a");
            etcd.awaitHealthy(Duration.ofSeconds(30));
            NetnsHosts.Result caughtUp = get(hosts, etcd, "c", "a", "during");
            assertThat(caughtUp.ok()).as(caughtUp.output()).isTrue();
            assertThat(caughtUp.output()).contains(b64("2"));
        }
    }

    @Test
    void etcdsLeadershipMovesToTheHostATestChooses(@TempDir Path dir) {
        try (NetnsHosts hosts = NetnsHosts.create(dir.resolve("logs"), "a", "b", "c");
             EtcdCluster etcd = EtcdCluster.start(hosts, dir.resolve("etcd"), EtcdCluster.Timing.ACROSS_HOSTS, "a", "b", "c")) {
            assertThat(etcd.leader("c")).isPresent();
            etcd.moveLeader("c", "b");
            assertThat(etcd.leader("c")).contains("b");
            etcd.moveLeader("c", "a");
            assertThat(etcd.leader("b")).contains("a");

            hosts.kill("a"); // the leader's host dies: the others elect one of themselves
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (etcd.leader("c").isEmpty() && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(etcd.leader("c")).hasValueSatisfying(leader -> assertThat(leader).isIn("b", "c"));
        }
    }

    @Test
    void timingAcrossHostsAllowsOneSecondLeases() {
        assertThat(EtcdCluster.Timing.ACROSS_HOSTS.minimumLeaseSeconds()).isEqualTo(1);
        assertThat(EtcdCluster.Timing.DEFAULT.minimumLeaseSeconds()).isEqualTo(2);
    }
}
