package io.pilotlight.dns.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two servers' controls over one shared store (an in-memory stand-in with etcd's compare-and-swap
 * on a version): a change decided on stale state is decided again, so neither overwrites the other
 * and safety rules hold across servers; others' changes are adopted and heard; an unreachable store
 * refuses changes and leaves the answers alone.
 */
class SharedControlStoreTest {
    private static final List<String> API = List.of("api.example.com/primary", "api.example.com/secondary");
    private static final SafetyRule ONE_ON = new SafetyRule("keep one api member on", API, 1);

    /** One document and its version, compared and swapped as etcd does with a key's mod revision. */
    static final class SharedMemory implements ControlStore {
        private Map<String, ControlState> states = Map.of();
        private long version = 1;
        volatile boolean down;

        @Override
        public synchronized Snapshot load() {
            if (down) {
                throw new ControlStoreUnavailableException("etcd unreachable; routing unchanged", null);
            }
            return new Snapshot(states, version);
        }

        @Override
        public synchronized Optional<Snapshot> save(Map<String, ControlState> next, long expectedVersion) {
            if (down) {
                throw new ControlStoreUnavailableException("etcd unreachable; routing unchanged", null);
            }
            if (expectedVersion != version) {
                return Optional.empty();
            }
            states = Map.copyOf(next);
            version++;
            return Optional.of(new Snapshot(states, version));
        }

        @Override
        public Duration refreshInterval() {
            return Duration.ofMillis(200);
        }
    }

    private static RoutingControls server(ControlStore store) {
        return RoutingControls.withStore(API, List.of(ONE_ON), Duration.ZERO, store, Clock.systemUTC());
    }

    @Test
    void aChangeDecidedOnStaleStateIsDecidedAgainSoASafetyRuleHoldsAcrossServers() {
        SharedMemory store = new SharedMemory();
        RoutingControls east = server(store);
        RoutingControls west = server(store);

        assertThat(east.set("api.example.com/primary", false, "alice", "drain").applied()).isTrue();
        assertThat(west.isOn("api.example.com/primary")).as("west has not refreshed yet").isTrue();

        ChangeDecision second = west.set("api.example.com/secondary", false, "bob", "drain too");
        assertThat(second.applied()).isFalse();
        assertThat(second.reason()).contains("keep one api member on");
        assertThat(west.isOn("api.example.com/primary")).as("read while deciding").isFalse();
    }

    @Test
    void refreshAdoptsAnotherServersChangeAndTellsTheListeners() {
        SharedMemory store = new SharedMemory();
        RoutingControls east = server(store);
        RoutingControls west = server(store);
        List<ChangeDecision> heard = new ArrayList<>();
        west.subscribe(heard::add);

        east.set("api.example.com/primary", false, "alice", "drain");
        assertThat(west.refresh()).singleElement().satisfies(change -> {
            assertThat(change.applied()).isTrue();
            assertThat(change.on()).isFalse();
            assertThat(change.reason()).contains("alice").contains("drain");
        });
        assertThat(heard).hasSize(1);
        assertThat(west.isOn("api.example.com/primary")).isFalse();
        assertThat(west.refresh()).as("nothing new").isEmpty();
    }

    @Test
    void anUnreachableStoreRefusesChangesAndAnswersKeepTheLastKnownState() {
        SharedMemory store = new SharedMemory();
        RoutingControls east = server(store);
        east.set("api.example.com/primary", false, "alice", "drain");
        store.down = true;

        assertThatThrownBy(() -> east.set("api.example.com/primary", true, "alice", "undrain"))
                .isInstanceOf(ControlStoreUnavailableException.class).hasMessageContaining("routing unchanged");
        assertThat(east.refresh()).isEmpty();
        assertThat(east.isOn("api.example.com/primary")).isFalse();

        store.down = false;
        assertThat(east.set("api.example.com/primary", true, "alice", "undrain").applied()).isTrue();
    }

    @Test
    void controlsThisServerDoesNotKnowSurviveItsWrites() {
        SharedMemory store = new SharedMemory();
        RoutingControls other = RoutingControls.withStore(List.of("www.example.com/a", "www.example.com/b"), List.of(), Duration.ZERO,
                store, Clock.systemUTC());
        other.set("www.example.com/a", false, "carol", null);
        server(store).set("api.example.com/primary", false, "alice", null);
        assertThat(store.load().states()).containsKeys("www.example.com/a", "api.example.com/primary");
    }
}
