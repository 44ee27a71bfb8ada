package io.pilotlight.topology.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.topology.Driver;
import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.HealthCheckType;
import io.pilotlight.topology.spec.WireNames;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Did you mean": the closest key or value by edit distance, offered only when it is a plausible typo. */
class SuggestionsTest {
    private static final List<String> HEALTH_CHECK_KEYS = FieldRules.keysOf(HealthCheck.class);
    private static final List<String> REGION_KEYS = List.of("role", "address", "jurisdiction");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "failure_treshold, failure_threshold", // a letter left out
        "failure-threshold, failure_threshold", // hyphen for underscore
        "requestinterval, request_interval",
        "resouce_path, resource_path",
        "ipaddress, ip_address",
        "FQDN, fqdn", // case does not matter
        "verify_certifcate, verify_certificate",
        "threshold, health_threshold"}) // a fragment of a key
    void suggestsTheIntendedHealthCheckKey(String typed, String expected) {
        assertThat(Suggestions.closest(typed, HEALTH_CHECK_KEYS)).contains(expected);
    }

    @Test
    void suggestsKeysAndValuesFromTheBrief() {
        assertThat(Suggestions.closest("rol", REGION_KEYS)).contains("role");
        assertThat(Suggestions.closest("adress", REGION_KEYS)).contains("address");
        assertThat(Suggestions.closest("regional-outtage", WireNames.allOf(Driver.class))).contains("regional-outage");
        assertThat(Suggestions.closest("regional_outage", WireNames.allOf(Driver.class))).contains("regional-outage");
        assertThat(Suggestions.closest("HTTPZ", WireNames.allOf(HealthCheckType.class))).hasValueSatisfying(
                s -> assertThat(s).isIn("HTTP", "HTTPS")); // both one edit away
        assertThat(Suggestions.closest("http", WireNames.allOf(HealthCheckType.class))).contains("HTTP");
        assertThat(Suggestions.closest("calculate", WireNames.allOf(HealthCheckType.class))).contains("CALCULATED");
    }

    @Test
    void offersNothingWhenNothingIsClose() {
        assertThat(Suggestions.closest("zzzzzzzz", HEALTH_CHECK_KEYS)).isEmpty();
        assertThat(Suggestions.closest("colour", REGION_KEYS)).isEmpty();
        assertThat(Suggestions.closest("anything", List.of())).isEmpty();
        assertThat(Suggestions.didYouMean("zzzzzzzz", HEALTH_CHECK_KEYS)).isEmpty();
    }

    @Test
    void didYouMeanIsAParentheticalQuestion() {
        assertThat(Suggestions.didYouMean("rol", REGION_KEYS)).isEqualTo(" (did you mean \"role\"?)");
    }

    @ParameterizedTest(name = "distance({0}, {1}) = {2}")
    @CsvSource({
        "'', '', 0", "'', abc, 3", "abc, abc, 0", "abc, abd, 1", "abc, ab, 1", "ab, abc, 1",
        "ab, ba, 1", // a transposition is one edit
        "kitten, sitting, 3", "flaw, lawn, 2", "failure_treshold, failure_threshold, 1", "primary, pirmary, 1"})
    void distanceCountsEditsWithTranspositionsAsOne(String a, String b, int expected) {
        assertThat(Suggestions.distance(a, b)).isEqualTo(expected);
    }

    @Property
    void distanceIsZeroExactlyForEqualStrings(@ForAll @StringLength(max = 20) String a, @ForAll @StringLength(max = 20) String b) {
        assertThat(Suggestions.distance(a, a)).isZero();
        assertThat(Suggestions.distance(a, b) == 0).isEqualTo(a.equals(b));
    }

    @Property
    void distanceIsSymmetricAndBoundedByTheLengths(@ForAll @StringLength(max = 20) String a, @ForAll @StringLength(max = 20) String b) {
        int d = Suggestions.distance(a, b);
        assertThat(Suggestions.distance(b, a)).isEqualTo(d);
        assertThat(d).isBetween(Math.abs(a.length() - b.length()), Math.max(a.length(), b.length()));
    }

    @Property
    void oneEditAwayIsDistanceOneOrLess(@ForAll @AlphaChars @StringLength(min = 2, max = 20) String word,
                                        @ForAll @IntRange(min = 0, max = 19) int position, @ForAll @AlphaChars char c) {
        int at = position % word.length();
        assertThat(Suggestions.distance(word, word.substring(0, at) + word.substring(at + 1))).isEqualTo(1);
        assertThat(Suggestions.distance(word, word.substring(0, at) + c + word.substring(at))).isEqualTo(1);
        assertThat(Suggestions.distance(word, word.substring(0, at) + c + word.substring(at + 1))).isLessThanOrEqualTo(1);
        if (at + 1 < word.length()) {
            String swapped = word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
            assertThat(Suggestions.distance(word, swapped)).isLessThanOrEqualTo(1);
        }
    }

    @Property
    void aTypoOfAKnownKeyAlwaysSuggestsAKeyOneEditAway(@ForAll @IntRange(min = 0, max = 15) int key,
                                                       @ForAll @IntRange(min = 0, max = 30) int position) {
        String intended = HEALTH_CHECK_KEYS.get(key % HEALTH_CHECK_KEYS.size());
        int at = position % intended.length();
        String typo = intended.substring(0, at) + intended.substring(at + 1);
        assertThat(Suggestions.closest(typo, HEALTH_CHECK_KEYS))
                .hasValueSatisfying(s -> assertThat(Suggestions.distance(typo, s)).isLessThanOrEqualTo(1));
    }

    @Property
    void anExactMatchIsItsOwnSuggestionWhateverTheCase(@ForAll @IntRange(min = 0, max = 15) int key) {
        String exact = HEALTH_CHECK_KEYS.get(key % HEALTH_CHECK_KEYS.size());
        assertThat(Suggestions.closest(exact, HEALTH_CHECK_KEYS)).contains(exact);
        assertThat(Suggestions.closest(exact.toUpperCase(), HEALTH_CHECK_KEYS)).contains(exact);
    }
}
