package io.pilotlight.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations as people write them: 500ms, 90s, 15m, 4h, 1d and sums such as 1h30m. */
class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "500ms, 500", "90s, 90000", "15m, 900000", "4h, 14400000", "1d, 86400000", "1h30m, 5400000",
        "2s500ms, 2500", "0s, 0", "0ms, 0", "1m1m, 120000", "' 5m ', 300000", "007s, 7000", "1d2h3m4s5ms, 93784005"})
    void parsesUnitsAndSums(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{1} ms is written {0}")
    @CsvSource({
        "0s, 0", "500ms, 500", "1m30s, 90000", "2s500ms, 2500", "1h30m, 5400000", "1d, 86400000", "30d, 2592000000",
        "1d2h3m4s5ms, 93784005", "1h1ms, 3600001"})
    void formatsTheWayAPersonWritesIt(String text, long millis) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "15", "5 m", "-5s", "+5s", "1.5h", "5M", "5mins", "h", "1y", "1w", "m5", "5s,", "PT5S", "5ms5"})
    void rejectsWhatIsNotADurationAndSaysWhatIsAllowed(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\" is not a duration")
                .hasMessageContaining(Durations.ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999s", "9223372036854775807d", "106751991167301d"})
    void rejectsDurationsTooLongForJava(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long a duration")
                .hasMessageContaining(Durations.ALLOWED);
    }

    @Example
    void nullIsRejectedLikeAnEmptyString() {
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Durations.ALLOWED);
    }

    @Property
    void secondsAreADecimalOfMilliseconds(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long millis) {
        assertThat(Durations.seconds(Duration.ofMillis(millis))).isEqualTo(millis / 1000.0);
    }

    /** Durations as a person writes them: each unit at most once, largest first, within its range, no zero parts. */
    @Provide
    Arbitrary<String> canonicalText() {
        Arbitrary<Integer> days = Arbitraries.integers().between(0, 400);
        Arbitrary<Integer> hours = Arbitraries.integers().between(0, 23);
        Arbitrary<Integer> minutes = Arbitraries.integers().between(0, 59);
        Arbitrary<Integer> seconds = Arbitraries.integers().between(0, 59);
        Arbitrary<Integer> millis = Arbitraries.integers().between(0, 999);
        return Combinators.combine(days, hours, minutes, seconds, millis).as((d, h, m, s, ms) ->
                part(d, "d") + part(h, "h") + part(m, "m") + part(s, "s") + part(ms, "ms")).map(t -> t.isEmpty() ? "0s" : t);
    }

    private static String part(int amount, String unit) {
        return amount == 0 ? "" : amount + unit;
    }

    @Property(tries = 500)
    void formatOfParseGivesBackWhatAPersonWrote(@ForAll("canonicalText") String text) {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }

    /** Any well-formed text, however unusual (90m, 1s1s, 0d0h): its formatted form means the same. */
    @Property(tries = 500)
    void formatOfParseMeansTheSameForAnyWellFormedText(@ForAll("anyText") String text) {
        Duration parsed = Durations.parse(text);
        String formatted = Durations.format(parsed);
        assertThat(formatted).matches(Durations.REGEX);
        assertThat(Durations.parse(formatted)).isEqualTo(parsed);
    }

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> part = Combinators.combine(Arbitraries.integers().between(0, 100_000), Arbitraries.of("ms", "s", "m", "h", "d"))
                .as((amount, unit) -> amount + unit);
        return part.list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join("", parts));
    }

    @Property(tries = 1000)
    void parseOfFormatIsTheIdentityAtMillisecondPrecision(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long millis) {
        Duration duration = Duration.ofMillis(millis);
        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }

    @Property(tries = 300)
    void formatAlwaysWritesAParsableDurationTruncatedToMilliseconds(
            @ForAll @LongRange(min = 0, max = 10_000_000_000_000L) long nanos) {
        Duration duration = Duration.ofNanos(nanos);
        String formatted = Durations.format(duration);
        assertThat(formatted).matches(Durations.REGEX);
        assertThat(Durations.parse(formatted)).isEqualTo(Duration.ofMillis(duration.toMillis()));
    }

    @Property
    void subMillisecondDurationsAreWrittenAsZero(@ForAll @IntRange(min = 1, max = 999_999) int nanos) {
        assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo("0s");
    }

    @Example
    void negativeDurationsKeepTheirSign() {
        assertThat(Durations.format(Duration.ofSeconds(-90))).isEqualTo("-1m30s");
    }

    @Property(tries = 1000)
    void anythingElseIsRejectedWithTheAllowedForms(@ForAll String text) {
        Assume.that(!text.trim().matches(Durations.REGEX));
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Durations.ALLOWED);
    }

    @Property(tries = 500)
    void aNumberWithoutAUnitIsNeverADuration(@ForAll @LongRange(min = 0) long number) {
        assertThatThrownBy(() -> Durations.parse(Long.toString(number))).hasMessageContaining(Durations.ALLOWED);
    }
}
