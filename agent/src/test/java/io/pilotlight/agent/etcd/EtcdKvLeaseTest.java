package io.pilotlight.agent.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.store.coord.EtcdProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases and compare-and-swap on a real etcd. */
class EtcdKvLeaseTest {
    @Test
    void keepAliveOfALeaseEtcdNoLongerHasIsFalseNotUnreachable(@TempDir Path dir) throws Exception {
        try (EtcdProcess etcd = EtcdProcess.start(dir); EtcdKv kv = new EtcdKv(etcd.target("/lease"), Duration.ofSeconds(3))) {
            long lease = kv.grant(Duration.ofSeconds(5));
            assertThat(kv.keepAlive(lease)).isTrue();
            kv.revokeQuietly(lease);
            Thread.sleep(300);
            assertThat(kv.keepAlive(lease)).as("jetcd reports the missing lease as EtcdException(NOT_FOUND)").isFalse();
        }
    }

    @Test
    void putIfUnchangedWritesOnlyOverTheRevisionItWasDecidedOn(@TempDir Path dir) throws Exception {
        try (EtcdProcess etcd = EtcdProcess.start(dir); EtcdKv kv = new EtcdKv(etcd.target("/cas"), Duration.ofSeconds(3))) {
            OptionalLong first = kv.putIfUnchanged("doc", "one", 0);
            assertThat(first).isPresent();
            assertThat(kv.putIfUnchanged("doc", "again", 0)).as("it exists now").isEmpty();
            OptionalLong second = kv.putIfUnchanged("doc", "two", first.getAsLong());
            assertThat(second).isPresent();
            assertThat(kv.putIfUnchanged("doc", "stale", first.getAsLong())).isEmpty();
            assertThat(kv.get("doc").orElseThrow()).isEqualTo(new EtcdKv.Entry("two", second.getAsLong()));
        }
    }
}
