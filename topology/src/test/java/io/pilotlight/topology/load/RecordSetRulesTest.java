package io.pilotlight.topology.load;

import static io.pilotlight.topology.load.Loading.BASE;
import static io.pilotlight.topology.load.Loading.load;
import static io.pilotlight.topology.load.Loading.onlyProblemOf;
import static io.pilotlight.topology.load.Loading.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Record sets: values fit the type, routing groups make sense, and names they refer to exist. */
class RecordSetRulesTest {
    private static final String ZONE = "dns.zones[\"example.com\"].record_sets";

    /** BASE, a service with derived checks api-us-east-1 and api-us-west-2, and a zone whose record sets start on line 14. */
    private static String withRecordSets(String sets) {
        return BASE + """
                services:
                  api:
                    health_check: { type: HTTP, port: 8080 }
                    endpoints: { us-east-1: { address: 127.0.1.1 }, us-west-2: { address: 127.0.2.1 } }
                dns:
                  zones:
                    example.com:
                      record_sets:
                """ + sets.indent(6);
    }

    private static final String FAILOVER_PAIR = """
            - { name: api, type: A, set_identifier: one, failover_routing_policy: { type: PRIMARY }, records: [127.0.1.1] }
            - { name: api, type: A, set_identifier: two, failover_routing_policy: { type: SECONDARY }, records: [127.0.2.1] }
            """;

    @Test
    void aFailoverPairWithDerivedHealthChecksLoads() {
        load(withRecordSets(FAILOVER_PAIR.replace("records: [127.0.1.1]", "health_check: api-us-east-1, records: [127.0.1.1]")));
    }

    @Test
    void anUnknownHealthCheckIsReportedAtItsValueWithTheDefinedChecks() {
        Problem problem = onlyProblemOf(withRecordSets("""
                - name: api
                  type: A
                  health_check: api-us-east
                  records: [127.0.1.1]
                """));
        assertThat(problem).extracting(Problem::line, Problem::column, Problem::path, Problem::value)
                .containsExactly(16, 23, ZONE + "[0].health_check", "api-us-east");
        assertThat(problem.message()).isEqualTo("\"api-us-east\" is not a known health check (did you mean \"api-us-east-1\"?);"
                + " defined: api-us-east-1, api-us-west-2");
    }

    @Test
    void anAliasToAMissingRecordSetListsTheRecordSetsOfThatType() {
        Problem problem = onlyProblemOf(withRecordSets("""
                - { name: api, type: A, records: [127.0.1.1] }
                - { name: www, type: A, alias: { name: aip } }
                """));
        assertThat(problem).extracting(Problem::line, Problem::path, Problem::value)
                .containsExactly(15, ZONE + "[1].alias.name", "aip");
        // the alias itself (www) is no candidate: a record set cannot be an alias of its own name
        assertThat(problem.message()).isEqualTo("\"aip.example.com\" is not a known A record set in example.com"
                + " (did you mean \"api.example.com\"?); defined: api.example.com");
    }

    @Test
    void anAliasToItselfOrOutsideTheZoneIsRejected() {
        assertThat(onlyProblemOf(withRecordSets("- { name: www, type: A, alias: { name: www.example.com. } }")).message())
                .contains("cannot be an alias of its own name");
        assertThat(onlyProblemOf(withRecordSets("- { name: www, type: A, alias: { name: www.other.org. } }")).message())
                .contains("outside zone example.com");
    }

    @Test
    void anARecordHoldsIpv4AddressesOnly() {
        List<Problem> problems = problemsOf(withRecordSets("- { name: api, type: A, records: [127.0.1.1, \"2001:db8::1\", 256.0.0.1, api.example.com] }"));
        assertThat(problems).extracting(Problem::path)
                .containsExactly(ZONE + "[0].records[1]", ZONE + "[0].records[2]", ZONE + "[0].records[3]");
        assertThat(problems).extracting(Problem::value).containsExactly("2001:db8::1", "256.0.0.1", "api.example.com");
        assertThat(problems.get(1).message()).isEqualTo("\"256.0.0.1\" is not an IPv4 address; an A record holds e.g. 192.0.2.10");
    }

    @Test
    void otherRecordTypesCheckTheirPresentationFormat() {
        assertThat(onlyProblemOf(withRecordSets("- { name: api, type: AAAA, records: [127.0.0.1] }")).message()).contains("not an IPv6 address");
        assertThat(onlyProblemOf(withRecordSets("- { name: \"@\", type: MX, records: [mail.example.com] }")).message())
                .contains("expected PREFERENCE HOST");
        assertThat(onlyProblemOf(withRecordSets("- { name: \"@\", type: CNAME, records: [a.example.org] }")).message())
                .contains("a CNAME cannot be at the zone apex");
        load(withRecordSets("- { name: \"@\", type: MX, records: [\"10 mail.example.com\"] }\n- { name: _x._tcp, type: SRV, records: [\"1 1 443 api.example.com\"] }"));
    }

    @Test
    void twoPrimaryFailoverRecordsAreOneTooMany() {
        Problem problem = onlyProblemOf(withRecordSets(FAILOVER_PAIR.replace("SECONDARY", "PRIMARY")));
        assertThat(problem).extracting(Problem::line, Problem::path).containsExactly(15, ZONE + "[1]");
        assertThat(problem.message()).contains("api A has 2 PRIMARY and 0 SECONDARY record sets", "allows one of each");
    }

    @Test
    void aRoutingPolicyNeedsASetIdentifierAndOnlyThen() {
        Problem missing = onlyProblemOf(withRecordSets("- { name: api, type: A, weighted_routing_policy: { weight: 10 }, records: [127.0.1.1] }"));
        assertThat(missing.path()).isEqualTo(ZONE + "[0]");
        assertThat(missing.message()).contains("needs set_identifier", "api.example.com");

        Problem stray = onlyProblemOf(withRecordSets("- { name: api, type: A, set_identifier: x, records: [127.0.1.1] }"));
        assertThat(stray.path()).isEqualTo(ZONE + "[0].set_identifier");
        assertThat(stray.message()).contains("only with a routing policy");

        Problem same = onlyProblemOf(withRecordSets(FAILOVER_PAIR.replace("set_identifier: two", "set_identifier: one")));
        assertThat(same.path()).isEqualTo(ZONE + "[1].set_identifier");
        assertThat(same.message()).contains("\"one\" is used twice");
    }

    @Test
    void routingGroupsMustBeConsistent() {
        assertThat(onlyProblemOf(withRecordSets("""
                - { name: api, type: A, records: [127.0.1.1] }
                - { name: api, type: A, set_identifier: b, weighted_routing_policy: { weight: 1 }, records: [127.0.2.1] }
                """)).message()).contains("a simple record set must be the only one of its name and type");
        assertThat(onlyProblemOf(withRecordSets(FAILOVER_PAIR.replace(
                "failover_routing_policy: { type: SECONDARY }", "weighted_routing_policy: { weight: 1 }"))).message())
                .contains("mixes routing policies");
        assertThat(onlyProblemOf(withRecordSets("- { name: api, type: A, records: [127.0.1.1], alias: { name: www } }\n"
                + "- { name: www, type: A, records: [127.0.1.1] }")).message()).contains("either records or alias, not both");
        assertThat(onlyProblemOf(withRecordSets("- { name: api, type: A }")).message()).contains("give records");
    }

    @Test
    void namesAndRegionsAreChecked() {
        Problem outside = onlyProblemOf(withRecordSets("- { name: api.other.org., type: A, records: [127.0.1.1] }"));
        assertThat(outside.path()).isEqualTo(ZONE + "[0].name");
        assertThat(outside.message()).contains("outside zone example.com");

        Problem region = onlyProblemOf(withRecordSets("- { name: api, type: A, region: us-east-2, records: [127.0.1.1] }"));
        assertThat(region.path()).isEqualTo(ZONE + "[0].region");
        assertThat(region.message()).contains("not a known region", "did you mean \"us-east-1\"", "defined: us-east-1, us-west-2");

        assertThat(onlyProblemOf(withRecordSets("- { name: api, type: CNAME, records: [x.example.org] }\n"
                + "- { name: api, type: TXT, records: [hello] }")).message()).contains("a CNAME must be the only record set at its name");
    }
}
