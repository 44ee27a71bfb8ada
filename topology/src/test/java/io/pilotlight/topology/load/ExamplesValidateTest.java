package io.pilotlight.topology.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.pilotlight.topology.DataStoreKind;
import io.pilotlight.topology.FailoverRole;
import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.HealthCheckCatalog;
import io.pilotlight.topology.HealthCheckType;
import io.pilotlight.topology.InitialState;
import io.pilotlight.topology.RecordSet;
import io.pilotlight.topology.RegionRole;
import io.pilotlight.topology.RepoFiles;
import io.pilotlight.topology.ResiliencePattern;
import io.pilotlight.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped examples are the documentation users copy from: each must load without a single problem. */
class ExamplesValidateTest {

    private static Topology load(String name) throws TopologyException {
        return TopologyLoader.load(RepoFiles.example(name)).topology();
    }

    @ParameterizedTest
    @ValueSource(strings = {"backup-restore.yaml", "pilot-light.yaml", "warm-standby.yaml", "active-active.yaml"})
    void theFourPatternExamplesLoadWithoutProblems(String name) throws TopologyException {
        Topology topology = load(name);
        String pattern = name.substring(0, name.length() - ".yaml".length());
        assertThat(topology.pattern()).isEqualTo(ResiliencePattern.valueOf(pattern.toUpperCase().replace('-', '_')));
    }

    static List<Path> everyExample() {
        return RepoFiles.examples();
    }

    @ParameterizedTest
    @MethodSource("everyExample")
    void everyYamlFileInExamplesLoads(Path file) {
        assertThatCode(() -> TopologyLoader.load(file)).doesNotThrowAnyException();
    }

    @Test
    void examplesDirectoryHoldsAtLeastTheFourPatterns() {
        assertThat(RepoFiles.examples()).extracting(p -> p.getFileName().toString())
                .contains("backup-restore.yaml", "pilot-light.yaml", "warm-standby.yaml", "active-active.yaml");
    }

    @Test
    void pilotLightValuesAreBoundAsWritten() throws TopologyException {
        LoadedTopology loaded = TopologyLoader.load(RepoFiles.example("pilot-light.yaml"));
        Topology topology = loaded.topology();
        assertThat(topology.name()).isEqualTo("shop-api");
        assertThat(topology.objectives().rto()).isEqualTo(Duration.ofMinutes(30));
        assertThat(topology.regions().get("us-east-1").role()).isEqualTo(RegionRole.PRIMARY);
        assertThat(topology.regions().get("us-west-2").role()).isEqualTo(RegionRole.STANDBY);

        HealthCheck api = topology.services().get("api").healthCheck();
        assertThat(api.type()).isEqualTo(HealthCheckType.HTTP);
        assertThat(api.failureThreshold()).isEqualTo(3);
        assertThat(api.requestInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(api.timeout()).isEqualTo(Duration.ofSeconds(2));
        // left out, so the @Default values apply
        assertThat(api.verifyCertificate()).isTrue();
        assertThat(api.healthyCheckerFraction()).isEqualTo(0.18);
        assertThat(api.initialState()).isEqualTo(InitialState.HEALTHY);
        assertThat(api.worstCaseDetection()).isEqualTo(Duration.ofSeconds(32));

        List<RecordSet> sets = topology.dns().zones().get("shop.example").recordSets();
        assertThat(sets).hasSize(2);
        assertThat(sets).extracting(RecordSet::ttl).containsOnly(Duration.ofSeconds(60)); // ttl: 60 is bare seconds
        assertThat(sets).extracting(s -> s.failoverRoutingPolicy().type())
                .containsExactly(FailoverRole.PRIMARY, FailoverRole.SECONDARY);

        assertThat(topology.dataStores().get("orders").kind()).isEqualTo(DataStoreKind.GLOBAL_DATABASE);
        assertThat(topology.dataStores().get("orders").replication().lagBound()).isEqualTo(Duration.ofSeconds(1));
        assertThat(topology.dataStores().get("orders").lease()).isEqualTo(Duration.ofSeconds(2));
        assertThat(topology.failoverOrDefault().decisionDelay()).isEqualTo(Duration.ofMinutes(2));
        assertThat(topology.drills()).singleElement().satisfies(d -> assertThat(d.every()).isEqualTo(Duration.ofDays(30)));

        assertThat(loaded.sources().positionOf("services.api.health_check.failure_threshold"))
                .isEqualTo(new Position(31, 26));
        assertThat(loaded.sources().positionOf("dns.zones[\"shop.example\"].record_sets[0].ttl"))
                .isEqualTo(new Position(43, 16));
    }

    @Test
    void pilotLightDerivesOneHealthCheckPerServiceEndpoint() throws TopologyException {
        Map<String, HealthCheck> catalog = HealthCheckCatalog.of(load("pilot-light.yaml"));
        assertThat(catalog).containsOnlyKeys("api-us-east-1", "api-us-west-2");
        HealthCheck east = catalog.get("api-us-east-1");
        assertThat(east.ipAddress()).isEqualTo("127.0.1.1");
        assertThat(east.port()).isEqualTo(8080);
        assertThat(east.resourcePath()).isEqualTo("/healthz");
        assertThat(east.searchString()).isEqualTo("ok");
        assertThat(catalog.get("api-us-west-2").ipAddress()).isEqualTo("127.0.2.1");
    }

    @Test
    void backupRestoreEndpointPortOverridesTheTemplateAndKeepsTheFqdn() throws TopologyException {
        Topology topology = load("backup-restore.yaml");
        HealthCheck west = HealthCheckCatalog.of(topology).get("portal-eu-west-1");
        assertThat(west.type()).isEqualTo(HealthCheckType.HTTPS);
        assertThat(west.ipAddress()).isEqualTo("127.0.1.1");
        assertThat(west.fqdn()).isEqualTo("portal.billing.example");
        assertThat(west.effectivePort()).isEqualTo(8443);
        assertThat(topology.dataStores().get("ledger").interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(topology.dns().zones().get("billing.example").recordSets()).hasSize(3);
    }

    @Test
    void warmStandbyHasACalculatedCheckOverBothDerivedChecksAndAnAlias() throws TopologyException {
        Topology topology = load("warm-standby.yaml");
        HealthCheck any = topology.healthChecks().get("payments-any-region");
        assertThat(any.type()).isEqualTo(HealthCheckType.CALCULATED);
        assertThat(any.childHealthChecks()).containsExactly("payments-us-east-1", "payments-us-east-2");
        assertThat(any.healthThreshold()).isEqualTo(1);
        assertThat(HealthCheckCatalog.of(topology)).containsKeys("payments-us-east-1", "payments-us-east-2", "payments-any-region");
        RecordSet www = topology.dns().zones().get("pay.example").recordSets().get(2);
        assertThat(www.alias().name()).isEqualTo("api");
        assertThat(www.alias().evaluateTargetHealth()).isTrue();
        assertThat(topology.drills()).hasSize(2);
    }

    @Test
    void activeActiveHasEveryRegionActiveAndWeightedRecords() throws TopologyException {
        Topology topology = load("active-active.yaml");
        assertThat(topology.regions().values()).extracting(r -> r.role()).containsOnly(RegionRole.ACTIVE);
        assertThat(topology.dns().zones().get("profiles.example").recordSets())
                .allSatisfy(set -> assertThat(set.weightedRoutingPolicy().weight()).isEqualTo(50));
        assertThat(topology.dataStores().get("profiles").kind()).isEqualTo(DataStoreKind.GLOBAL_TABLE);
    }
}
