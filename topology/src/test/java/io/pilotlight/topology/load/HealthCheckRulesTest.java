package io.pilotlight.topology.load;

import static io.pilotlight.topology.load.Loading.BASE;
import static io.pilotlight.topology.load.Loading.load;
import static io.pilotlight.topology.load.Loading.onlyProblemOf;
import static io.pilotlight.topology.load.Loading.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Health checks: a target for endpoint checks, existing children for CALCULATED ones, sane timings. */
class HealthCheckRulesTest {

    /** BASE, service api with derived checks api-us-east-1 and api-us-west-2, then the health_checks given (from line 11). */
    private static String withChecks(String checks) {
        return BASE + """
                services:
                  api:
                    health_check: { type: HTTP, port: 8080 }
                    endpoints: { us-east-1: { address: 127.0.1.1 }, us-west-2: { address: 127.0.2.1 } }
                health_checks:
                """ + checks.indent(2);
    }

    @Test
    void aCalculatedCheckOverDerivedChecksLoads() {
        load(withChecks("any: { type: CALCULATED, child_health_checks: [api-us-east-1, api-us-west-2], health_threshold: 1 }"));
    }

    @Test
    void aCalculatedCheckWithAnUnknownChildNamesTheDefinedChecks() {
        Problem problem = onlyProblemOf(withChecks("any: { type: CALCULATED, child_health_checks: [api-us-east-1, api-us-wset-2], health_threshold: 1 }"));
        assertThat(problem).extracting(Problem::line, Problem::column, Problem::path, Problem::value)
                .containsExactly(11, 65, "health_checks.any.child_health_checks[1]", "api-us-wset-2");
        assertThat(problem.message()).contains("did you mean \"api-us-west-2\"", "defined: api-us-east-1, api-us-west-2");
    }

    @Test
    void aThresholdAboveTheChildCountCanNeverBeMet() {
        Problem problem = onlyProblemOf(withChecks("any: { type: CALCULATED, child_health_checks: [api-us-east-1, api-us-west-2], health_threshold: 3 }"));
        assertThat(problem).extracting(Problem::path, Problem::value).containsExactly("health_checks.any.health_threshold", "3");
        assertThat(problem.message()).isEqualTo("3 is more than the 2 child checks; allowed: 0 to 2");
    }

    @Test
    void aCalculatedCheckNeedsChildrenAThresholdAndNoTarget() {
        List<Problem> problems = problemsOf(withChecks("any: { type: CALCULATED, ip_address: 10.0.0.1 }"));
        assertThat(problems).extracting(Problem::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).contains("needs at least one child check"),
                m -> assertThat(m).contains("needs health_threshold"),
                m -> assertThat(m).contains("no target of its own"));
        assertThat(onlyProblemOf(withChecks("self: { type: CALCULATED, child_health_checks: [self], health_threshold: 1 }")).message())
                .contains("cannot be its own child");
    }

    @Test
    void anEndpointCheckNeedsAValidTarget() {
        assertThat(onlyProblemOf(withChecks("db: { type: TCP, port: 5432 }")).message()).contains("a TCP check needs ip_address or fqdn");
        Problem ip = onlyProblemOf(withChecks("db: { type: TCP, port: 5432, ip_address: 10.0.0.300 }"));
        assertThat(ip).extracting(Problem::path, Problem::value).containsExactly("health_checks.db.ip_address", "10.0.0.300");
        assertThat(onlyProblemOf(withChecks("db: { type: TCP, fqdn: \"bad host\" }")).message()).contains("is not a host name");
        assertThat(onlyProblemOf(withChecks("db: { type: TCP, fqdn: db.example.com, health_threshold: 1 }")).message())
                .contains("apply to CALCULATED checks only");
    }

    @Test
    void timingsAndHttpOnlyFieldsAreChecked() {
        Problem overlap = onlyProblemOf(withChecks("web: { type: HTTP, fqdn: example.com, request_interval: 10, timeout: 10s }"));
        assertThat(overlap.path()).isEqualTo("health_checks.web.timeout");
        assertThat(overlap.message()).contains("timeout must be shorter than request_interval (10s)");
        assertThat(onlyProblemOf(withChecks("db: { type: TCP, fqdn: db.example.com, search_string: ok }")).message())
                .contains("search_string applies to HTTP and HTTPS checks only, not TCP");
        assertThat(onlyProblemOf(withChecks("web: { type: HTTP, fqdn: example.com, resource_path: healthz }")).message())
                .contains("must start with /");
        assertThat(onlyProblemOf(withChecks("web: { type: HTTP, fqdn: example.com, search_string: " + "x".repeat(256) + " }")).message())
                .contains("256 characters; allowed: at most 255");
    }

    @Test
    void aMisspeltTypeIsOneProblemWithoutFollowOnNoise() {
        Problem problem = onlyProblemOf(withChecks("web: { type: HTTPZ, fqdn: example.com, search_string: ok }"));
        assertThat(problem).extracting(Problem::path, Problem::value).containsExactly("health_checks.web.type", "HTTPZ");
        assertThat(problem.message()).contains("did you mean \"HTTP");
    }

    @Test
    void aServiceTemplateCannotBeCalculated() {
        Problem problem = onlyProblemOf(BASE + """
                services:
                  api:
                    health_check: { type: CALCULATED, child_health_checks: [x], health_threshold: 1 }
                """);
        assertThat(problem.path()).isEqualTo("services.api.health_check.type");
        assertThat(problem.message()).contains("must be HTTP, HTTPS or TCP");
    }
}
