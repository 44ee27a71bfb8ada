package io.pilotlight.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The control API's JSON form of faults. */
class FaultsJsonTest {
    @Property
    void writingThenReadingGivesTheSameFaults(@ForAll("faults") Faults faults) {
        assertThat(FaultsJson.read(FaultsJson.write(faults))).isEqualTo(faults);
    }

    @Test
    void missingFieldsMeanNoFault() throws Exception {
        assertThat(FaultsJson.read(json("{}"))).isEqualTo(Faults.none());
        assertThat(FaultsJson.read(json("{\"downstream\": {\"latencyMs\": 20, \"partition\": \"drop\"}}")))
                .isEqualTo(Faults.none().with(Direction.DOWNSTREAM, LinkFaults.NONE.withLatency(Duration.ofMillis(20)).withPartition(Partition.DROP)));
    }

    @Test
    void fractionsOfAMillisecondAreKept() throws Exception {
        assertThat(FaultsJson.read(json("{\"upstream\": {\"latencyMs\": 0.25}}")).upstream().latency()).isEqualTo(Duration.ofNanos(250_000));
    }

    @Test
    void errorsNameTheFieldPathTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> FaultsJson.read(json("{\"upstream\": {\"latencyMs\": 10, \"jitterMs\": 20}}")))
                .hasMessageStartingWith("upstream.jitter = 20 ms is out of range; allowed: 0 ms to the latency (10 ms)");
        assertThatThrownBy(() -> FaultsJson.read(json("{\"upstream\": {\"latncyMs\": 10}}")))
                .hasMessage("upstream has unknown field 'latncyMs'; allowed: [bytesPerSecond, jitterMs, latencyMs, partition]");
        assertThatThrownBy(() -> FaultsJson.read(json("{\"downstream\": {\"latencyMs\": \"20ms\"}}")))
                .hasMessage("downstream.latencyMs = \"20ms\" must be a number");
        assertThatThrownBy(() -> FaultsJson.read(json("{\"downstream\": {\"partition\": \"sometimes\"}}")))
                .hasMessage("downstream.partition = \"sometimes\" is not a partition mode; allowed: NONE, DROP, HOLD");
        assertThatThrownBy(() -> FaultsJson.read(json("{\"resetProbability\": 2}")))
                .hasMessage("resetProbability = 2.0 is out of range; allowed: 0.0 to 1.0");
        assertThatThrownBy(() -> FaultsJson.read(json("[]"))).hasMessage("body must be a JSON object, was []");
    }

    @Provide
    Arbitrary<Faults> faults() {
        Arbitrary<LinkFaults> link = Combinators.combine(
                Arbitraries.longs().between(0, 60_000_000),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.longs().between(0, 1L << 40),
                Arbitraries.of(Partition.class)
        ).as((latencyMicros, jitterShare, cap, partition) -> new LinkFaults(Duration.ofNanos(latencyMicros * 1000),
                Duration.ofNanos(Math.round(latencyMicros * jitterShare) * 1000), cap, partition));
        return Combinators.combine(link, link, Arbitraries.of(true, false), Arbitraries.doubles().between(0, 1))
                .as(Faults::new);
    }

    private static JsonNode json(String text) throws Exception {
        return FaultsJson.MAPPER.readTree(text);
    }
}
