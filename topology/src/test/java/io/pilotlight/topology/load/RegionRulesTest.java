package io.pilotlight.topology.load;

import static io.pilotlight.topology.load.Loading.load;
import static io.pilotlight.topology.load.Loading.onlyProblemOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Region roles: one primary with standbys, or every region active; and references to regions elsewhere. */
class RegionRulesTest {

    private static String withRegions(String regions) {
        return "name: shop\nobjectives: { rto: 30m, rpo: 5m }\nregions:\n" + regions.indent(2);
    }

    @Test
    void onePrimaryWithStandbysOrAllActiveLoad() {
        load(withRegions("a: { role: primary }\nb: { role: standby }\nc: { role: standby }"));
        load(withRegions("a: { role: active }\nb: { role: active }"));
        load(withRegions("a: { role: primary }"));
    }

    @Test
    void twoPrimariesAreReportedAtTheRegions() {
        Problem problem = onlyProblemOf(withRegions("a: { role: primary }\nb: { role: primary }"));
        assertThat(problem).extracting(Problem::line, Problem::column, Problem::path).containsExactly(4, 3, "regions");
        assertThat(problem.message()).contains("found 2 primary regions", "exactly one region must have role: primary");
    }

    @Test
    void noPrimaryIsReportedToo() {
        assertThat(onlyProblemOf(withRegions("a: { role: standby }")).message()).contains("found 0 primary regions");
    }

    @Test
    void activeCannotBeMixedWithPrimaryOrStandby() {
        assertThat(onlyProblemOf(withRegions("a: { role: active }\nb: { role: primary }")).message())
                .contains("active regions cannot be mixed with primary or standby ones");
        assertThat(onlyProblemOf(withRegions("a: { role: active }\nb: { role: standby }")).message())
                .contains("active regions cannot be mixed");
    }

    @Test
    void aMisspeltRoleIsOneProblemNotAlsoARoleCountProblem() {
        Problem problem = onlyProblemOf(withRegions("a: { role: primary }\nb: { role: stanby }"));
        assertThat(problem).extracting(Problem::path, Problem::value).containsExactly("regions.b.role", "stanby");
        assertThat(problem.message()).contains("did you mean \"standby\"");
    }

    @Test
    void noRegionsAtAll() {
        assertThat(onlyProblemOf("name: shop\nobjectives: { rto: 30m, rpo: 5m }\nregions: {}\n").message())
                .contains("no regions");
    }

    @Test
    void regionAddressesAndReferencesAreChecked() {
        Problem address = onlyProblemOf(withRegions("a: { role: primary, address: localhost }"));
        assertThat(address).extracting(Problem::path, Problem::value).containsExactly("regions.a.address", "localhost");
        Problem drill = onlyProblemOf(withRegions("a: { role: primary }") + "drills: [{ name: d, scenario: region-outage, target: b, every: 7d }]\n");
        assertThat(drill.path()).isEqualTo("drills[0].target");
        assertThat(drill.message()).contains("\"b\" is not a known region", "defined: a");
        Problem endpoint = onlyProblemOf(withRegions("a: { role: primary }") + "services: { api: { endpoints: { z: { address: 127.0.0.1 } } } }\n");
        assertThat(endpoint.path()).isEqualTo("services.api.endpoints.z");
    }

    @Test
    void anRtoOfZeroCannotBeMet() {
        Problem problem = onlyProblemOf("name: shop\nobjectives: { rto: 0s, rpo: 5m }\nregions: { a: { role: primary } }\n");
        assertThat(problem).extracting(Problem::path, Problem::value).containsExactly("objectives.rto", "0s");
    }
}
