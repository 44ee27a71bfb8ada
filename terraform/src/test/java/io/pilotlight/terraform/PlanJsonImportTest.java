package io.pilotlight.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.terraform.plan.PlanJsonReader;
import io.pilotlight.topology.Topology;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A terraform show -json plan of the pilot light reads into the same topology as its .tf files. */
class PlanJsonImportTest {

    @Test
    void thePlanOfThePilotLightGivesTheSameTopologyAsItsConfiguration() {
        ImportResult fromJson = Fixtures.read("pilot-light-plan.json", Fixtures.objectives("30m", "15m", Map.of()));
        ImportResult fromHcl = Fixtures.read("pilot-light", Fixtures.objectives("30m", "15m", Map.of("zone_id", "Z123")));
        Topology json = Fixtures.load(fromJson).topology();
        Topology hcl = Fixtures.load(fromHcl).topology();
        assertThat(json.regions()).isEqualTo(hcl.regions());
        assertThat(json.healthChecks()).isEqualTo(hcl.healthChecks());
        assertThat(json.compute()).isEqualTo(hcl.compute());
        assertThat(json.dataStores().get("orders")).isEqualTo(hcl.dataStores().get("orders"));
        assertThat(json.dnsOrEmpty().zones().get("shop.example").recordSets())
                .isEqualTo(hcl.dnsOrEmpty().zones().get("shop.example").recordSets());
    }

    @Test
    void eachValueComesFromTheLineOfItsResourceAddress() {
        ImportResult result = Fixtures.read("pilot-light-plan.json", Fixtures.objectives("30m", "15m", Map.of()));
        assertThat(Fixtures.line(result, "api-use1:  #")).contains("pilot-light-plan.json:12");
    }

    @Test
    void aRecordStillPointsAtItsHealthCheckThroughTheConfigurationsReferences() {
        Topology topology = Fixtures.load(Fixtures.read("pilot-light-plan.json", ImportOptions.defaults())).topology();
        assertThat(topology.dnsOrEmpty().zones().get("shop.example").recordSets())
                .filteredOn(r -> r.failoverRoutingPolicy() != null).extracting(r -> r.healthCheck()).containsExactly("api-use1", "api-usw2");
    }

    @Test
    void aStateFileReadsFromValuesAndItsChildModules() throws Exception {
        var configuration = PlanJsonReader.parse("state.json", """
                {"format_version": "1.0", "values": {"root_module": {
                  "resources": [],
                  "child_modules": [{"address": "module.dns", "resources": [
                    {"address": "module.dns.aws_route53_health_check.api", "mode": "managed", "type": "aws_route53_health_check",
                     "name": "api", "values": {"type": "TCP", "ip_address": "203.0.113.7", "port": 5432, "request_interval": 10,
                     "failure_threshold": 2}},
                    {"address": "module.dns.data.aws_route53_zone.main", "mode": "data", "type": "aws_route53_zone", "name": "main",
                     "values": {"name": "example.com"}}
                  ]}]}}}
                """);
        assertThat(configuration.resources()).hasSize(1);
        assertThat(configuration.resources().get(0).origin().line()).isEqualTo(4);
        assertThat(configuration.resources().get(0).attribute("port")).isPresent();
    }

    @Test
    void badJsonIsASyntaxErrorWithLineAndColumn() {
        assertThatThrownBy(() -> PlanJsonReader.parse("plan.json", "{\n  \"planned_values\": [1,\n}"))
                .isInstanceOf(TerraformSyntaxException.class).hasMessageStartingWith("plan.json:3:");
    }

    @Test
    void jsonThatIsNotAPlanOrStateSaysWhatItExpects() {
        assertThatThrownBy(() -> PlanJsonReader.parse("x.json", "{\"a\": 1}"))
                .isInstanceOf(TerraformInputException.class).hasMessageContaining("neither planned_values");
    }
}
