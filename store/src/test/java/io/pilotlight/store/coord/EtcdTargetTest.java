package io.pilotlight.store.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --coordinator etcd://HOST:PORT[,HOST:PORT...][/prefix]}: what it means, and every bad part named. */
class EtcdTargetTest {
    @Test
    void endpointsAndPrefixAreRead() {
        EtcdTarget target = EtcdTarget.parse("etcd://10.0.1.5:2379,etcd-b.internal:2379/pilotlight/orders");
        assertThat(target.endpoints()).containsExactly(URI.create("http://10.0.1.5:2379"), URI.create("http://etcd-b.internal:2379"));
        assertThat(target.key("writer")).isEqualTo("/pilotlight/orders/writer");
        assertThat(target).hasToString("etcd://10.0.1.5:2379,etcd-b.internal:2379/pilotlight/orders");
    }

    @Test
    void etcdsMeansTls() {
        EtcdTarget target = EtcdTarget.parse("etcds://10.0.1.5:2379,10.0.2.5:2379/pilotlight/orders");
        assertThat(target.tls()).isTrue();
        assertThat(target.endpoints()).containsExactly(URI.create("https://10.0.1.5:2379"), URI.create("https://10.0.2.5:2379"));
        assertThat(target).hasToString("etcds://10.0.1.5:2379,10.0.2.5:2379/pilotlight/orders");
        assertThat(EtcdTarget.parse("etcd://10.0.1.5:2379").tls()).isFalse();
    }

    @Test
    void withoutAPrefixTheKeysGoUnderTheDefaultOne() {
        assertThat(EtcdTarget.parse("etcd://127.0.0.1:2379").key("epoch")).isEqualTo("/pilotlight/default/epoch");
    }

    @Test
    void aBadTargetIsRefusedNamingThePart() {
        for (String bad : List.of("etcd://", "etcd://host", "etcd://host:0", "etcd://host:70000", "etcd://host:2379,", "etcd://:2379")) {
            assertThatThrownBy(() -> EtcdTarget.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("allowed is HOST:PORT");
        }
        assertThatThrownBy(() -> EtcdTarget.parse("etcd://h:1/pilotlight/")).hasMessageContaining("no trailing or double /");
        assertThatThrownBy(() -> EtcdTarget.parse("http://h:1")).hasMessageContaining("allowed: etcd://HOST:PORT");
    }
}
