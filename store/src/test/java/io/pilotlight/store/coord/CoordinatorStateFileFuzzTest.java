package io.pilotlight.store.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The coordinator's state file holds the last epoch granted: it round-trips, and a damaged one is
 * refused naming the file, never read as epoch 0 (after which epochs would repeat).
 */
class CoordinatorStateFileFuzzTest {
    private static Path dir;

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("coordinator-state-fuzz");
    }

    @AfterContainer
    static void stop() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 50) // each save is fsynced
    void aStateSavedThenLoadedIsTheSame(@ForAll("states") CoordinatorStateFile.State state) {
        CoordinatorStateFile file = new CoordinatorStateFile(dir.resolve("state.json"));
        file.save(state);
        assertThat(file.load()).isEqualTo(state);
    }

    @Property(tries = 150)
    void aDamagedFileIsTheSameStateOrRefusedNamingIt(@ForAll("states") CoordinatorStateFile.State state, @ForAll @IntRange(min = 0) int at,
                                                     @ForAll @IntRange(min = 0, max = 1) int damage, @ForAll byte replacement) throws IOException {
        CoordinatorStateFile file = new CoordinatorStateFile(dir.resolve("state.json"));
        file.save(state);
        byte[] bytes = Files.readAllBytes(dir.resolve("state.json"));
        int i = at % bytes.length;
        if (damage == 0) {
            bytes = java.util.Arrays.copyOf(bytes, i);
        } else {
            bytes[i] = replacement;
        }
        check(file, bytes, damage == 0);
    }

    @Property(tries = 300)
    void arbitraryBytesAreAStateOrRefusedNamingTheFile(@ForAll @Size(max = 100) byte[] noise) throws IOException {
        check(new CoordinatorStateFile(dir.resolve("state.json")), noise, false);
    }

    private static void check(CoordinatorStateFile file, byte[] bytes, boolean truncated) throws IOException {
        Files.write(dir.resolve("state.json"), bytes);
        try {
            CoordinatorStateFile.State read = file.load();
            assertThat(read).isNotNull();
            assertThat(read.epoch()).isNotNegative();
            if (truncated) {
                fail("a truncated file was read as " + read);
            }
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).startsWith("coordinator state file " + dir.resolve("state.json").toAbsolutePath() + " is unreadable");
        } catch (RuntimeException other) {
            fail("loading " + bytes.length + " bytes threw " + other, other);
        }
    }

    /** Found: {} and a file of JSON null were read as no state or epoch 0, so the next grant could repeat an epoch. */
    @Example
    void anEmptyOrIncompleteFileIsNotEpochZero() throws IOException {
        CoordinatorStateFile file = new CoordinatorStateFile(dir.resolve("state.json"));
        for (String text : List.of("{}", "null", "{\"epoch\":7}", "{\"epoch\":\"7\",\"holder\":\"east\",\"ttl_ms\":1000,\"released\":false}",
                "{\"epoch\":-7,\"holder\":\"east\",\"ttl_ms\":1000,\"released\":false}")) {
            Files.writeString(dir.resolve("state.json"), text, StandardCharsets.UTF_8);
            assertThatThrownBy(file::load).as(text).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state.json is unreadable");
        }
    }

    @Provide
    Arbitrary<CoordinatorStateFile.State> states() {
        return Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.strings().ofMaxLength(12).injectNull(0.1),
                Arbitraries.longs().between(0, 86_400_000), Arbitraries.of(true, false)).as(CoordinatorStateFile.State::new);
    }
}
