package io.pilotlight.store.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.pilotlight.store.ReplicationMode;
import io.pilotlight.store.coord.InProcessCoordinator;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * The epoch history is parsed from a writer's {@code /epochs} answer, from {@code /would-lose?epochs=}
 * and from the node's own metadata at start: its text round-trips, and any other text is refused with
 * a message that quotes it and names the part at fault (never a NumberFormatException's "For input
 * string", never an index out of bounds); damaged metadata stops the node naming its data directory.
 */
class EpochHistoryFuzzTest {

    @Property(tries = 500)
    void aHistoryFormattedThenParsedIsTheSameHistory(@ForAll("histories") EpochHistory history) {
        assertThat(EpochHistory.parse(history.format())).isEqualTo(history);
    }

    @Property(tries = 2000)
    void anyTextIsAHistoryThatRoundTripsOrARefusalThatQuotesIt(@ForAll("historyLike") String text) {
        check(text);
    }

    @Property(tries = 1000)
    void arbitraryTextIsAHistoryOrARefusal(@ForAll @StringLength(max = 40) String text) {
        check(text);
    }

    private static void check(String text) {
        EpochHistory history;
        try {
            history = EpochHistory.parse(text);
        } catch (IllegalArgumentException refused) {
            assertThat(refused).isExactlyInstanceOf(IllegalArgumentException.class);
            assertThat(refused.getMessage()).startsWith("epoch history \"").contains("EPOCH:FIRST_INDEX");
            return;
        } catch (RuntimeException other) {
            fail("parsing \"" + text + "\" threw " + other, other);
            return;
        }
        assertThat(EpochHistory.parse(history.format())).isEqualTo(history);
        for (EpochHistory.Start start : history.starts()) {
            assertThat(start.epoch()).isPositive();
            assertThat(start.firstIndex()).isPositive();
        }
    }

    // ---- found inputs, kept fixed --------------------------------------------------------------------

    /** Found: a pair without ':' was an ArrayIndexOutOfBoundsException ("Index 1 out of bounds for length 1"). */
    @Example
    void aPairWithoutAColonIsNamed() {
        assertThatThrownBy(() -> EpochHistory.parse("1:1,3")).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed at \"3\": it has no ':'");
    }

    /** Found: non-numbers were a bare NumberFormatException ("For input string: \"x\""), and "+1", " 1 ", negatives and 0 were accepted. */
    @Example
    void onlyWholeNumbersFromOneAreEpochsAndIndexes() {
        for (String text : List.of("x:1", "1:", "+1:1", " 1:1", "1: 1", "-1:5", "0:1", "1:0", "1:99999999999999999999")) {
            assertThatThrownBy(() -> EpochHistory.parse(text)).as(text).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a whole number from 1 to " + Long.MAX_VALUE);
        }
        assertThat(EpochHistory.parse("1:1,9223372036854775807:5").lastEpoch()).isEqualTo(Long.MAX_VALUE);
    }

    /** Found: a trailing comma was dropped by String.split, so "1:1," was read as "1:1". */
    @Example
    void emptyPartsAreRefused() {
        for (String text : List.of("1:1,", ",1:1", "1:1,,2:5", ",", " ")) {
            assertThatThrownBy(() -> EpochHistory.parse(text)).as(text).isExactlyInstanceOf(IllegalArgumentException.class);
        }
        assertThat(EpochHistory.parse("").starts()).isEmpty();
        assertThat(EpochHistory.parse(null).starts()).isEmpty();
    }

    /** Found: damaged metadata failed the start with the parser's bare message, left RocksDB locked, and named no directory. */
    @Example
    void damagedMetadataStopsTheStartNamingTheDataDirectory() throws Exception {
        Path dir = Files.createTempDirectory("epoch-history-fuzz");
        try {
            for (String[] damage : List.of(new String[] {"epochs", "1:1,garbage"}, new String[] {"epoch", "seven"})) {
                try (RocksStore store = new RocksStore(dir)) {
                    store.meta("epochs", "1:1");
                    store.meta("epoch", "1");
                    store.meta(damage[0], damage[1]);
                }
                assertThatThrownBy(() -> StoreNode.start(config(dir))).isInstanceOf(StoreIoException.class)
                        .hasMessageContaining("the store in " + dir + " is damaged: its metadata \"" + damage[0] + "\" is unreadable")
                        .hasMessageContaining(damage[1]);
                try (RocksStore reopened = new RocksStore(dir)) { // the failed start released the database's lock
                    assertThat(reopened.meta(damage[0])).isEqualTo(damage[1]);
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static NodeConfig config(Path dir) {
        return new NodeConfig("east", dir, new InetSocketAddress("127.0.0.1", 0), Map.of("east", "http://127.0.0.1:1"),
                new InProcessCoordinator(Clock.systemUTC()), Duration.ofSeconds(1), ReplicationMode.ASYNC, null, Duration.ofSeconds(1),
                false, "west", Clock.systemUTC());
    }

    // ---- generators ------------------------------------------------------------------------------------

    @Provide
    Arbitrary<EpochHistory> histories() {
        return Arbitraries.longs().between(1, Long.MAX_VALUE / 4).list().ofMaxSize(6).map(steps -> {
            List<EpochHistory.Start> starts = new ArrayList<>();
            long epoch = 0;
            long first = 1;
            for (long step : steps) {
                epoch += step % 1000 == 0 ? step : 1 + step % 7;
                first += step % 3 == 0 ? 0 : step % 1000;
                starts.add(new EpochHistory.Start(epoch, first));
            }
            return new EpochHistory(List.copyOf(starts));
        });
    }

    /** Text from the history's own alphabet and a few strays, so that the parser's every branch is reached. */
    @Provide
    Arbitrary<String> historyLike() {
        Arbitrary<String> token = Arbitraries.of("1", "2", "3", "10", "0", "-1", "+1", "01", ":", ",", " ", "x", "9223372036854775807",
                "9223372036854775808", "99999999999999999999", "\u0000", "\u0661");
        return token.list().ofMaxSize(10).map(parts -> String.join("", parts));
    }
}
