package io.pilotlight.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import io.pilotlight.topology.RegionRole;
import io.pilotlight.topology.ReplicationMode;
import io.pilotlight.topology.ResiliencePattern;
import io.pilotlight.topology.Topology;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Realistic multi-file configurations, one per pattern, written for these tests. */
class PatternConfigurationsImportTest {

    @Test
    void pilotLightWriterRegionRpoFromTheParameterGroupAndCapacityZeroInTheStandby() {
        ImportResult result = Fixtures.read("pilot-light", Fixtures.objectives("30m", "15m", Map.of("zone_id", "Z123")));
        Topology topology = Fixtures.load(result).topology();
        assertThat(topology.regions().get("us-east-1").role()).isEqualTo(RegionRole.PRIMARY);
        assertThat(topology.regions().get("us-west-2").role()).isEqualTo(RegionRole.STANDBY);
        DataStore orders = topology.dataStores().get("orders");
        assertThat(orders.kind()).isEqualTo(DataStoreKind.GLOBAL_DATABASE);
        assertThat(orders.writer()).isEqualTo("us-east-1");
        assertThat(orders.replication().lagBound()).isEqualTo(Duration.ofSeconds(20));
        assertThat(Fixtures.line(result, "lag_bound: 20s")).contains("pilot-light/data.tf:13").contains("rds.global_db_rpo");
        DataStore assets = topology.dataStores().get("assets");
        assertThat(assets.kind()).isEqualTo(DataStoreKind.OBJECT_REPLICATION);
        assertThat(assets.replication().lagBound()).isEqualTo(Duration.ofMinutes(15));
        assertThat(assets.regions()).containsExactly("us-east-1", "us-west-2");
        var api = topology.compute().get("api");
        assertThat(api.instanceReadyTime()).isEqualTo(Duration.ofMinutes(3));
        assertThat(api.capacity().get("us-east-1").active()).isEqualTo(4);
        assertThat(api.capacity().get("us-west-2").standby()).isZero();
        assertThat(api.capacity().get("us-west-2").active()).isEqualTo(4);
        assertThat(topology.pattern()).isEqualTo(ResiliencePattern.PILOT_LIGHT);
        assertThat(Fixtures.line(result, "pattern: pilot-light")).contains("min_size 0");
    }

    @Test
    void pilotLightReportsTheRegistryModuleTheSkippedAlarmAndTheCheckerRegions() {
        ImportResult result = Fixtures.read("pilot-light", Fixtures.objectives("30m", "15m", Map.of("zone_id", "Z123")));
        assertThat(Fixtures.notes(result, ImportNote.Kind.NOT_FOLLOWED))
                .anyMatch(n -> n.contains("providers.tf:20") && n.contains("module.vpc") && n.contains("terraform-aws-modules/vpc/aws"));
        assertThat(Fixtures.notes(result, ImportNote.Kind.SKIPPED)).anyMatch(n -> n.contains("aws_cloudwatch_metric_alarm"));
        assertThat(Fixtures.notes(result, ImportNote.Kind.NOT_EXPRESSIBLE)).anyMatch(n -> n.contains("regions [us-east-1, us-west-1, eu-west-1]"));
    }

    @Test
    void warmStandbyReadsTfvarsALocalModuleThroughItsProvidersMapAndTheStrMatchCheck() {
        ImportResult result = Fixtures.read("warm-standby", Fixtures.objectives("3m", "1m", Map.of()));
        Topology topology = Fixtures.load(result).topology();
        assertThat(topology.regions()).containsOnlyKeys("eu-west-1", "eu-central-1");
        assertThat(topology.regions().get("eu-west-1").role()).isEqualTo(RegionRole.PRIMARY);
        var pay = topology.compute().get("pay");
        assertThat(pay.capacity().get("eu-central-1").standby()).isEqualTo(2);
        assertThat(pay.capacity().get("eu-central-1").active()).isEqualTo(6);
        assertThat(Fixtures.line(result, "standby: 2")).contains("warm-standby/modules/region/main.tf:");
        assertThat(topology.healthChecks().get("primary").searchString()).isEqualTo("UP");
        assertThat(Fixtures.line(result, "type: HTTPS")).contains("HTTPS_STR_MATCH");
        assertThat(topology.dataStores().get("ledger").replication().lagBound()).isEqualTo(Duration.ofSeconds(1));
        assertThat(Fixtures.notes(result, ImportNote.Kind.ASSUMED)).anyMatch(n -> n.contains("set rds.global_db_rpo"));
        assertThat(topology.pattern()).as("min_size 1 in the standby: no pilot light claimed").isNull();
    }

    @Test
    void activeActiveEveryRegionServesTheTableIsGlobalAndLatencyRoutingIsNoted() {
        ImportResult result = Fixtures.read("active-active", Fixtures.objectives("5m", "1m", Map.of()));
        Topology topology = Fixtures.load(result).topology();
        assertThat(topology.regions().values()).allMatch(r -> r.role() == RegionRole.ACTIVE);
        assertThat(topology.regions()).containsOnlyKeys("us-east-1", "us-west-2", "eu-west-1");
        DataStore carts = topology.dataStores().get("carts");
        assertThat(carts.kind()).isEqualTo(DataStoreKind.GLOBAL_TABLE);
        assertThat(carts.regions()).containsExactly("us-east-1", "us-west-2", "eu-west-1");
        assertThat(carts.replication().mode()).isEqualTo(ReplicationMode.ASYNC);
        var quorum = topology.healthChecks().get("quorum");
        assertThat(quorum.childHealthChecks()).containsExactly("use1", "usw2", "euw1");
        assertThat(quorum.healthThreshold()).isEqualTo(2);
        assertThat(Fixtures.notes(result, ImportNote.Kind.NOT_EXPRESSIBLE)).anyMatch(n -> n.contains("latency_routing_policy"))
                .anyMatch(n -> n.contains("geolocation_routing_policy"));
        assertThat(topology.compute().get("api").capacity()).containsOnlyKeys("us-east-1", "us-west-2", "eu-west-1");
        assertThat(topology.compute().get("api").instanceReadyTime()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void strongConsistencyModeMakesTheGlobalTableSynchronous() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tf-strong");
        java.nio.file.Files.writeString(dir.resolve("main.tf"), """
                provider "aws" { region = "us-east-1" }
                resource "aws_dynamodb_table" "ledger" {
                  name = "ledger"
                  replica {
                    region_name      = "us-east-2"
                    consistency_mode = "STRONG"
                  }
                  replica {
                    region_name      = "us-west-2"
                    consistency_mode = "STRONG"
                  }
                }
                """);
        Topology topology = Fixtures.load(TerraformImporter.read(dir, ImportOptions.defaults())).topology();
        assertThat(topology.dataStores().get("ledger").replication().mode()).isEqualTo(ReplicationMode.SYNC);
    }

    @Test
    void backupRestoreTakesTheMostFrequentScheduleAndTheCopyRegion() {
        ImportResult result = Fixtures.read("backup-restore", Fixtures.objectives("4h", "4h", Map.of()));
        Topology topology = Fixtures.load(result).topology();
        DataStore shop = topology.dataStores().get("shop");
        assertThat(shop.kind()).isEqualTo(DataStoreKind.BACKUP);
        assertThat(shop.interval()).isEqualTo(Duration.ofHours(4));
        assertThat(shop.regions()).containsExactly("us-east-1", "us-east-2");
        assertThat(Fixtures.line(result, "interval: 4h")).contains("backup-restore/main.tf:26");
        assertThat(Fixtures.notes(result, ImportNote.Kind.ASSUMED)).anyMatch(n -> n.contains("aws_eip.web.public_ip is computed"));
        assertThat(Fixtures.notes(result, ImportNote.Kind.SKIPPED)).anyMatch(n -> n.contains("aws_eip"));
    }
}
