package io.pilotlight.topology.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.topology.RepoFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the file holds, the loader answers with a topology or a TopologyException whose problems
 * are all printable and positioned; never with another exception (a crash is a bug report waiting).
 */
class LoaderFuzzTest {
    private static final List<String> EXAMPLES = RepoFiles.examples().stream().map(RepoFiles::read).toList();
    /** Characters that mean something to YAML or to the loader, so mutations hit the interesting paths. */
    private static final String YAML_CHARS = " \n\t:-{}[],#&*!|>'\"?%@`~.0123456789aAzZ_/\\";

    /** Parses and checks the outcome; returns normally when the loader behaved. */
    private static void parseBehaves(String text) {
        try {
            LoadedTopology loaded = TopologyLoader.parse("fuzz.yaml", text);
            assertThat(loaded.topology()).isNotNull();
            assertThat(loaded.topology().name()).isNotNull();
        } catch (TopologyException e) {
            long lines = text.lines().count();
            assertThat(e.problems()).isNotEmpty().allSatisfy(problem -> {
                assertThat(problem.message()).isNotBlank();
                assertThat(problem.file()).isEqualTo("fuzz.yaml");
                assertThat(problem.path()).isNotNull();
                assertThat(problem.line()).isBetween(0, (int) lines + 1);
                assertThat(problem.column()).isGreaterThanOrEqualTo(0);
                assertThat(problem.line() == 0).isEqualTo(problem.column() == 0);
                assertThat(problem.toString()).startsWith("fuzz.yaml");
            });
            assertThat(e.problems()).isSortedAccordingTo((a, b) -> Integer.compare(a.line(), b.line()));
        }
    }

    @Property(tries = 500)
    void arbitraryStrings(@ForAll String text) {
        parseBehaves(text);
    }

    @Provide
    Arbitrary<String> yamlish() {
        return Arbitraries.strings().withChars(YAML_CHARS.toCharArray()).ofMaxLength(200);
    }

    @Property(tries = 1000)
    void stringsOfYamlPunctuation(@ForAll("yamlish") String text) {
        parseBehaves(text);
    }

    @Property(tries = 1000)
    void examplesWithRandomCharacterEdits(@ForAll @IntRange(min = 0, max = 3) int example, @ForAll long seed,
                                          @ForAll @IntRange(min = 1, max = 12) int edits) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(EXAMPLES.get(example % EXAMPLES.size()));
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(text.length() + 1);
            char c = YAML_CHARS.charAt(random.nextInt(YAML_CHARS.length()));
            switch (random.nextInt(3)) {
                case 0 -> text.insert(at, c);
                case 1 -> text.deleteCharAt(Math.min(at, text.length() - 1));
                default -> text.setCharAt(Math.min(at, text.length() - 1), c);
            }
        }
        parseBehaves(text.toString());
    }

    @Property(tries = 1000)
    void examplesWithRandomLineEdits(@ForAll @IntRange(min = 0, max = 3) int example, @ForAll long seed,
                                     @ForAll @IntRange(min = 1, max = 6) int edits) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(EXAMPLES.get(example % EXAMPLES.size()).lines().toList());
        for (int i = 0; i < edits && !lines.isEmpty(); i++) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(5)) {
                case 0 -> lines.remove(at); // a key or list item left out
                case 1 -> lines.add(at, lines.get(random.nextInt(lines.size()))); // a line copied elsewhere: duplicates, wrong nesting
                case 2 -> lines.set(at, "  ".repeat(random.nextInt(4)) + lines.get(at).stripLeading()); // re-indented
                case 3 -> lines.set(at, lines.get(at).replaceFirst(":\\s.*$", ": " + value(random))); // another value
                default -> lines.set(at, lines.get(at).replaceFirst("[a-z_]+:", key(random) + ":")); // another key
            }
        }
        parseBehaves(String.join("\n", lines) + "\n");
    }

    private static final String[] VALUES = {"", "~", "0", "-1", "11", "99999999999999999999", "1.5", "NaN", ".inf", "1e309",
        "yes", "true", "15", "0s", "7d1ms", "1h", "HTTP", "CALCULATED", "PRIMARY", "active", "primary", "backup", "global-database",
        "[]", "{}", "[a, b]", "{ a: 1 }", "\"\"", "'@'", "127.0.1.1", "::1", "api-us-east-1", "us-east-1", "*missing", "&a x",
        "!!binary aGVsbG8=", "2024-01-01", "|\n  text", "0x1F", "1_000"};
    private static final String[] KEYS = {"name", "type", "role", "writer", "regions", "records", "alias", "health_check",
        "child_health_checks", "health_threshold", "replication", "lag_bound", "ttl", "failover_routing_policy", "weight", "<<", "?"};

    private static String value(Random random) {
        return VALUES[random.nextInt(VALUES.length)];
    }

    private static String key(Random random) {
        return KEYS[random.nextInt(KEYS.length)];
    }

    @Property(tries = 200)
    void deeplyNestedOrAliasedDocuments(@ForAll @IntRange(min = 1, max = 200) int depth) {
        parseBehaves("name: " + "[".repeat(depth) + "]".repeat(depth) + "\n");
        parseBehaves("regions:\n" + "  a: &a\n".repeat(1) + "    role: primary\n  b: *a\n".repeat(Math.min(depth, 30)));
        parseBehaves("a: &a [x, y]\nb: &b [*a, *a, *a, *a]\nc: [" + "*b, ".repeat(depth) + "*b]\n");
    }
}
