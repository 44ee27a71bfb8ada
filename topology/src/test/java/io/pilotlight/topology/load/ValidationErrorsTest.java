package io.pilotlight.topology.load;

import static io.pilotlight.topology.load.Loading.BASE;
import static io.pilotlight.topology.load.Loading.load;
import static io.pilotlight.topology.load.Loading.onlyProblemOf;
import static io.pilotlight.topology.load.Loading.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.pilotlight.topology.Topology;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the loader says about a broken file: every problem at once, each with where, which field, the value and what is allowed. */
class ValidationErrorsTest {

    private static final String BROKEN = """
            name: shop
            objectives:
              rto: 15
              rpo: 5m
              driver: regional-outtage
            regions:
              us-east-1:
                rol: primary
              us-west-2:
                role: standby
            services:
              api:
                health_check:
                  type: HTTPZ
                  failure_threshold: 11
                  failure_treshold: 3
                endpoints:
                  us-east-1: { address: 127.0.1.1 }
            dns:
              zones:
                example.com:
                  record_sets:
                    - name: api
                      type: A
                      ttl: 60
                      health_check: api-us-east-9
                      records: [127.0.1.1]
            """;

    @Test
    void reportsEveryProblemOfABrokenFileInOneRunWithLineColumnPathAndValue() {
        assertThat(problemsOf(BROKEN))
                .extracting(Problem::line, Problem::column, Problem::path, Problem::value)
                .containsExactly(
                        tuple(3, 8, "objectives.rto", "15"),
                        tuple(5, 11, "objectives.driver", "regional-outtage"),
                        tuple(8, 5, "regions.us-east-1.rol", "rol"),
                        tuple(8, 5, "regions.us-east-1.role", null),
                        tuple(14, 13, "services.api.health_check.type", "HTTPZ"),
                        tuple(15, 26, "services.api.health_check.failure_threshold", "11"),
                        tuple(16, 7, "services.api.health_check.failure_treshold", "failure_treshold"),
                        tuple(26, 25, "dns.zones[\"example.com\"].record_sets[0].health_check", "api-us-east-9"));
    }

    @Test
    void eachMessageSaysWhatIsAllowed() {
        List<String> messages = problemsOf(BROKEN).stream().map(Problem::message).toList();
        assertThat(messages.get(0)).contains("\"15\"", "a bare number needs a unit here, e.g. 15s or 15m");
        assertThat(messages.get(1)).contains("did you mean \"regional-outage\"", "one of regional-outage, az-outage, data-residency, latency");
        assertThat(messages.get(2)).contains("unknown key \"rol\"", "did you mean \"role\"", "allowed keys here: role, address, jurisdiction");
        assertThat(messages.get(3)).contains("missing required key \"role\"", "one of primary, standby, active");
        assertThat(messages.get(4)).contains("did you mean \"HTTP", "one of HTTP, HTTPS, TCP, CALCULATED");
        assertThat(messages.get(5)).contains("\"11\" is out of range", "an integer from 1 to 10");
        assertThat(messages.get(6)).contains("unknown key \"failure_treshold\"", "did you mean \"failure_threshold\"");
        assertThat(messages.get(7)).contains("\"api-us-east-9\" is not a known health check", "did you mean \"api-us-east-1\"",
                "defined: api-us-east-1");
    }

    @Test
    void problemPrintsAsFileLineColumnPathMessage() {
        Problem threshold = problemsOf(BROKEN).get(5);
        assertThat(threshold).hasToString("t.yaml:15:26: services.api.health_check.failure_threshold: " + threshold.message());
        assertThat(new Problem("t.yaml", 0, 0, "", null, "cannot read the file")).hasToString("t.yaml: cannot read the file");
        assertThatThrownBy(() -> TopologyLoader.parse("t.yaml", BROKEN))
                .isInstanceOf(TopologyException.class).hasMessageStartingWith("8 problems:\nt.yaml:3:8: objectives.rto: ");
    }

    @Test
    void aBareNumberIsSecondsOnlyWhereRoute53WritesSeconds() {
        Topology topology = load(BASE + """
                services:
                  api:
                    health_check: { type: TCP, port: 22, request_interval: 10, timeout: 2 }
                    endpoints: { us-east-1: { address: 127.0.1.1 } }
                dns:
                  zones:
                    example.com:
                      record_sets: [{ name: api, type: A, ttl: 60, records: [127.0.1.1] }]
                """);
        assertThat(topology.dns().zones().get("example.com").recordSets().get(0).ttl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(topology.services().get("api").healthCheck().requestInterval()).isEqualTo(Duration.ofSeconds(10));

        Problem delay = onlyProblemOf(BASE + "failover: { decision_delay: 30 }\n");
        assertThat(delay.path()).isEqualTo("failover.decision_delay");
        assertThat(delay.message()).contains("a bare number needs a unit here, e.g. 30s or 30m");
    }

    @Test
    void boundsAreCheckedWithTheRangeInTheMessage() {
        List<Problem> problems = problemsOf(BASE + """
                services:
                  api:
                    health_check: { type: HTTP, port: 70000, request_interval: 2h, healthy_checker_fraction: 1.5 }
                    endpoints: { us-east-1: { address: 127.0.1.1 } }
                dns:
                  zones:
                    example.com:
                      record_sets: [{ name: api, type: A, ttl: 8d, records: [127.0.1.1] }]
                """);
        assertThat(problems).extracting(Problem::message).satisfiesExactly(
                m -> assertThat(m).contains("\"70000\"", "an integer from 1 to 65535"),
                m -> assertThat(m).contains("\"2h\"", "from 100ms to 1h"),
                m -> assertThat(m).contains("\"1.5\"", "a number from 0 to 1"),
                m -> assertThat(m).contains("\"8d\"", "from 0s to 7d"));
    }

    @Test
    void numbersTooLargeForJavaAreOutOfRangeNotAParserMessage() {
        Problem ttl = onlyProblemOf(BASE + "dns: { zones: { example.com: { record_sets: [{ name: api, type: A, ttl: 99999999999999999999,"
                + " records: [127.0.1.1] }] } } }\n");
        assertThat(ttl.path()).isEqualTo("dns.zones[\"example.com\"].record_sets[0].ttl");
        assertThat(ttl.message()).doesNotContain("For input string").contains("\"99999999999999999999\" is out of range", "from 0s to 7d");
        assertThat(onlyProblemOf(BASE.replace("rto: 30m", "rto: 99999999999999999999d")).message())
                .contains("\"99999999999999999999d\" is out of range", "a number with a unit");
        assertThat(onlyProblemOf(BASE + "failover: { minimum_interval: 9223372036854775807d }\n").message())
                .contains("is out of range");
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        assertThat(onlyProblemOf(BASE + "drils: []\n").message()).contains("unknown key \"drils\"", "did you mean \"drills\"");
        assertThat(onlyProblemOf(BASE + "drills: { name: x }\n").message()).contains("expected a list");
        assertThat(onlyProblemOf(BASE + "failover: { mode: automatic, decision_delay: [1s] }\n").message())
                .contains("found a list");
        assertThat(onlyProblemOf(BASE.replace("rpo: 5m", "rpo: { m: 5 }")).message())
                .startsWith("expected a number with a unit");
        Problem mode = onlyProblemOf(BASE + "failover: { mode: sometimes }\n");
        assertThat(mode).extracting(Problem::path, Problem::value).containsExactly("failover.mode", "sometimes");
        assertThat(mode.message()).contains("one of automatic, manual");
        assertThat(onlyProblemOf(BASE + "failover: { mode: manual, decision_delay: 1m, minimum_interval: 5m, extra: 1 }\n").message())
                .contains("allowed keys here: mode, decision_delay, minimum_interval");
        assertThat(onlyProblemOf(BASE.replace("us-west-2:", "US_West:")).message())
                .contains("\"US_West\" is not a valid name", "lower-case letters, digits and '-'");
    }

    @Test
    void missingRequiredKeysAreNamedWithWhatTheyExpect() {
        List<Problem> problems = problemsOf("pattern: pilot-light\n");
        assertThat(problems).extracting(Problem::path).containsExactlyInAnyOrder("name", "objectives", "regions");
        assertThat(problems).allSatisfy(p -> assertThat(p).extracting(Problem::line, Problem::column).containsExactly(1, 1));
        assertThat(problems).filteredOn(p -> p.path().equals("objectives")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("missing required key \"objectives\"", "rto, rpo, driver"));

        Problem type = onlyProblemOf(BASE + "dns: { zones: { example.com: { record_sets: [{ name: api, records: [127.0.1.1] }] } } }\n");
        assertThat(type.path()).isEqualTo("dns.zones[\"example.com\"].record_sets[0].type");
        assertThat(type.value()).isNull();
        assertThat(type.message()).contains("missing required key \"type\"", "one of A, AAAA, CNAME");
    }

    @Test
    void duplicateKeysAndNamesArePointedAtTheSecondOccurrence() {
        Problem key = onlyProblemOf(BASE + "name: again\n");
        assertThat(key).extracting(Problem::line, Problem::column, Problem::path).containsExactly(6, 1, "name");
        assertThat(key.message()).contains("duplicate key \"name\"");

        Problem region = onlyProblemOf(BASE + "  us-east-1: { role: standby }\n");
        assertThat(region).extracting(Problem::line, Problem::column, Problem::path).containsExactly(6, 3, "regions.us-east-1");
        assertThat(region.message()).contains("duplicate name \"us-east-1\"");
    }

    @Test
    void aRootThatIsNotAMappingListsTheTopLevelKeys() {
        assertThat(onlyProblemOf("- name: x\n").message()).contains("expected a mapping with keys name, pattern, objectives, regions");
        assertThat(onlyProblemOf("---\n").message()).startsWith("the file is empty");
    }
}
