package io.pilotlight.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.topology.FailoverRole;
import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.HealthCheckType;
import io.pilotlight.topology.RecordSet;
import io.pilotlight.topology.Topology;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The seed article's own Terraform snippet, exactly as printed. */
class SeedSnippetImportTest {
    private final ImportResult result = Fixtures.read("seed", ImportOptions.defaults());
    private final Topology topology = Fixtures.load(result).topology();

    @Test
    void theHealthCheckKeepsEveryValueWithItsLine() {
        HealthCheck check = topology.healthChecks().get("primary");
        assertThat(check.type()).isEqualTo(HealthCheckType.HTTPS);
        assertThat(check.fqdn()).isEqualTo("api-use1.example.com");
        assertThat(check.resourcePath()).isEqualTo("/healthz");
        assertThat(check.failureThreshold()).isEqualTo(3);
        assertThat(check.requestInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(Fixtures.line(result, "request_interval: 10s")).endsWith("seed/main.tf:6");
        assertThat(Fixtures.line(result, "failure_threshold: 3")).endsWith("seed/main.tf:5");
        assertThat(Fixtures.line(result, "fqdn: api-use1.example.com")).endsWith("seed/main.tf:2");
    }

    @Test
    void theCheckTimeoutIsRoute53sAndSaidToBeAssumed() {
        assertThat(topology.healthChecks().get("primary").timeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(Fixtures.line(result, "timeout: 4s")).contains("assumed");
    }

    @Test
    void thePrimaryRecordIsAnAliasWithItsTargetsTtlSaidToBeAssumed() {
        RecordSet primary = topology.dnsOrEmpty().zones().get("example.com").recordSets().stream()
                .filter(r -> r.failoverRoutingPolicy() != null).findFirst().orElseThrow();
        assertThat(primary.failoverRoutingPolicy().type()).isEqualTo(FailoverRole.PRIMARY);
        assertThat(primary.setIdentifier()).isEqualTo("primary-use1");
        assertThat(primary.healthCheck()).isEqualTo("primary");
        assertThat(primary.alias().evaluateTargetHealth()).isTrue();
        assertThat(primary.ttl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(Fixtures.line(result, "ttl: 60s  # ") ).isNotNull();
        assertThat(Fixtures.notes(result, ImportNote.Kind.ASSUMED))
                .anyMatch(n -> n.contains("main.tf:15") && n.contains("an alias has its target's TTL; aws_lb.use1 -> 60s"));
    }

    @Test
    void theUndeclaredZoneVariableIsReportedUnknownWithItsPlaceNotGuessed() {
        assertThat(Fixtures.notes(result, ImportNote.Kind.UNKNOWN))
                .anyMatch(n -> n.contains("seed/main.tf:9") && n.contains("zone_id: var.zone_id is not declared"));
        assertThat(Fixtures.notes(result, ImportNote.Kind.ASSUMED))
                .anyMatch(n -> n.contains("taken as example.com, the parent of api.example.com"));
    }

    @Test
    void withoutAnyProviderTheRegionIsUnknownAndSaidSo() {
        assertThat(topology.regions()).containsOnlyKeys("unknown-region");
        assertThat(Fixtures.notes(result, ImportNote.Kind.UNKNOWN)).anyMatch(n -> n.contains("no aws provider with a known region"));
    }

    @Test
    void objectivesNotInTerraformArePlaceholdersSaidToBeOnes() {
        assertThat(Fixtures.line(result, "rto: 1h")).contains("PLACEHOLDER");
        assertThat(Fixtures.notes(result, ImportNote.Kind.ASSUMED)).anyMatch(n -> n.contains("objectives are not in Terraform"));
    }
}
