package io.pilotlight.topology.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.topology.CoordinationStore;
import io.pilotlight.topology.RegionRole;
import io.pilotlight.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the coordination store's members live, and witness regions that hold only a member. */
class CoordinationRulesTest {
    private static final String BASE = """
            name: shop
            objectives: { rto: 30m, rpo: 5m }
            regions:
              us-east-1: { role: primary }
              us-west-2: { role: standby }
              eu-west-1: { role: witness }
            """;
    private static final String THREE_MEMBERS = "coordination: {store: etcd, members: {us-east-1: 1, us-west-2: 1, eu-west-1: 1}}\n";

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, text);
        return file;
    }

    private Topology load(String text) throws Exception {
        return TopologyLoader.load(write(text)).topology();
    }

    private List<Problem> problems(String text) throws IOException {
        Path file = write(text);
        try {
            TopologyLoader.load(file);
        } catch (TopologyException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems, but the file loaded:\n" + text);
    }

    private Problem only(String text) throws IOException {
        List<Problem> problems = problems(text);
        assertThat(problems).as(problems.toString()).hasSize(1);
        return problems.get(0);
    }

    @Test
    void aWitnessWithOneMemberAndThreeMembersLoad() throws Exception {
        Topology topology = load(BASE + THREE_MEMBERS);
        assertThat(topology.regions().get("eu-west-1").role()).isEqualTo(RegionRole.WITNESS);
        assertThat(topology.coordination().store()).isEqualTo(CoordinationStore.ETCD);
        assertThat(topology.coordination().members()).containsEntry("eu-west-1", 1).hasSize(3);
        assertThat(topology.coordination().majority()).isEqualTo(2);
        assertThat(topology.serves("eu-west-1")).isFalse();
        assertThat(topology.serves("us-east-1")).isTrue();
    }

    @Test
    void storeDefaultsToEtcdAndCoordinationMayBeLeftOut() throws Exception {
        assertThat(load(BASE.replace("  eu-west-1: { role: witness }\n", "")).coordination()).isNull();
        assertThat(load(BASE + "coordination: {members: {us-east-1: 1, us-west-2: 1, eu-west-1: 1}}\n").coordination().store())
                .isEqualTo(CoordinationStore.ETCD);
    }

    @Test
    void aMemberInAnUnknownRegionNamesFileLineFieldAndTheKnownRegions() throws Exception {
        Problem problem = only(BASE + "coordination: {store: etcd, members: {us-east-1: 1, us-west-2: 1, eu-west-1: 1, eu-wst-2: 1}}\n");
        assertThat(problem.file()).endsWith("topology.yaml");
        assertThat(problem.line()).isEqualTo(7);
        assertThat(problem.path()).isEqualTo("coordination.members.eu-wst-2");
        assertThat(problem.message()).contains("\"eu-wst-2\" is not a known region", "defined: us-east-1, us-west-2, eu-west-1");
        assertThat(problem.toString()).startsWith(dir.resolve("topology.yaml") + ":7:");
    }

    @Test
    void zeroMembersInARegionIsOutOfRange() throws Exception {
        Problem problem = only(BASE + "coordination: {store: etcd, members: {us-east-1: 1, us-west-2: 0, eu-west-1: 1}}\n");
        assertThat(problem.path()).isEqualTo("coordination.members.us-west-2");
        assertThat(problem.value()).isEqualTo("0");
        assertThat(problem.message()).isEqualTo("\"0\" is out of range; expected an integer from 1 to 7");
    }

    @Test
    void etcdWithNoMembersAtAllIsReported() throws Exception {
        List<Problem> problems = problems(BASE.replace("  eu-west-1: { role: witness }\n", "") + "coordination: {store: etcd}\n");
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).path()).isEqualTo("coordination");
        assertThat(problems.get(0).line()).isEqualTo(6);
        assertThat(problems.get(0).message()).contains("no etcd members", "at least one member",
                "members: {us-east-1: 1, us-west-2: 1, eu-west-1: 1}");
    }

    @Test
    void membersOfTheInProcessCoordinatorAreRefused() throws Exception {
        Problem problem = only(BASE.replace("  eu-west-1: { role: witness }\n", "")
                + "coordination: {store: in-process, members: {us-east-1: 1}}\n");
        assertThat(problem.path()).isEqualTo("coordination.members");
        assertThat(problem.message()).contains("members apply to store: etcd");
    }

    @Test
    void aWitnessWithoutAMemberIsReportedAtItsRole() throws Exception {
        Problem problem = only(BASE + "coordination: {store: etcd, members: {us-east-1: 1, us-west-2: 1}}\n");
        assertThat(problem.path()).isEqualTo("regions.eu-west-1.role");
        assertThat(problem.line()).isEqualTo(6);
        assertThat(problem.message()).contains("a witness region holds only a coordination member", "eu-west-1: 1");
        assertThat(only(BASE).path()).isEqualTo("regions.eu-west-1.role");
    }

    @Test
    void aWitnessUsedByAServiceARecordADataStoreOrComputeIsReportedAtEachUse() throws Exception {
        String text = BASE + THREE_MEMBERS + """
                services:
                  api:
                    endpoints:
                      us-east-1: {address: 127.0.1.1}
                      eu-west-1: {address: 127.0.3.1}
                dns:
                  zones:
                    shop.example:
                      record_sets:
                        - {name: www, type: A, ttl: 60, region: eu-west-1, records: [127.0.3.1]}
                data_stores:
                  orders: {kind: global-database, writer: eu-west-1, replication: {mode: sync}}
                  assets: {kind: object-replication, regions: [us-east-1, eu-west-1], replication: {mode: async, lag_bound: 1m}}
                compute:
                  api:
                    instance_ready_time: 1m
                    capacity:
                      us-east-1: {active: 2}
                      eu-west-1: {active: 1}
                """;
        List<Problem> problems = problems(text);
        assertThat(problems).extracting(Problem::path).containsExactly(
                "services.api.endpoints.eu-west-1",
                "dns.zones[\"shop.example\"].record_sets[0].region",
                "data_stores.orders.writer",
                "data_stores.assets.regions[1]",
                "compute.api.capacity.eu-west-1");
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).contains("\"eu-west-1\" is a witness region (role: witness)",
                "regions that serve: us-east-1, us-west-2"));
        assertThat(problems.get(0).line()).isEqualTo(12);
        assertThat(problems.get(2).value()).isEqualTo("eu-west-1");
    }

    @Test
    void witnessesAreLeftOutOfTheRoleCountsAndCannotBeAlone() throws Exception {
        load("""
                name: shop
                objectives: { rto: 30m, rpo: 5m }
                regions:
                  a: { role: active }
                  b: { role: active }
                  w: { role: witness }
                coordination: {members: {a: 1, b: 1, w: 1}}
                """);
        Problem problem = only("""
                name: shop
                objectives: { rto: 30m, rpo: 5m }
                regions:
                  w: { role: witness }
                coordination: {members: {w: 1}}
                """);
        assertThat(problem.path()).isEqualTo("regions");
        assertThat(problem.message()).contains("every region is a witness");
    }
}
