package io.pilotlight.drill.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.topology.load.TopologyLoader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which processes each pattern's lab runs, their addresses and links: checked without starting anything. */
class LabPlanTest {
    private static final Path STATE = Path.of("/tmp/lab-state");
    private static final LabPlan.Links LINKS = (from, to) -> "http://link-" + from + "-to-" + to;

    private static LabPlan plan(String example) throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("examples"))) {
            dir = dir.getParent();
        }
        Path file = dir.resolve("examples").resolve(example + ".yaml");
        return LabPlan.of(file, TopologyLoader.load(file).topology(),
                new LabPlan.Addresses(STATE, "127.0.0.1:15353", "127.0.0.1:15380", 17000, 17001, null));
    }

    private static List<String> args(LabPlan plan, String name) {
        return plan.processes(LINKS).stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().args();
    }

    @Test
    void aPilotLightLabRunsTheCoordinatorAStoreNodePerRegionDnsAndTheControllerWithStoreTrafficThroughTheLinks() throws Exception {
        LabPlan plan = plan("pilot-light-lab");
        assertThat(plan.processes(LINKS)).extracting(LabPlan.LabProcess::name)
                .containsExactly("coordinator", "store-us-east-1", "store-us-west-2", "dns", "controller");
        assertThat(plan.storeNodes()).containsEntry("us-east-1", new InetSocketAddress("127.0.1.1", 17001))
                .containsEntry("us-west-2", new InetSocketAddress("127.0.2.1", 17001));
        assertThat(String.join(" ", args(plan, "store-us-west-2")))
                .contains("--listen 127.0.2.1:17001")
                .contains("--coordinator http://link-us-west-2-to-coordinator")
                .contains("--peer us-west-2=http://127.0.2.1:17001", "--peer us-east-1=http://link-us-west-2-to-us-east-1")
                .contains("--initial-writer us-east-1")
                .doesNotContain("--backup-dir");
        assertThat(plan.servedAddresses()).contains(new InetSocketAddress("127.0.0.1", 15353), new InetSocketAddress("127.0.0.1", 15380),
                new InetSocketAddress("127.0.0.1", 17000), new InetSocketAddress("127.0.1.1", 8080), new InetSocketAddress("127.0.2.1", 8080));
        assertThat(plan.coordinatorUrl()).isEqualTo("http://127.0.0.1:17000");
        assertThat(args(plan, "controller")).contains("--coordinator", "http://127.0.0.1:17000").doesNotContain("--backup-dir");
    }

    @Test
    void backupAndRestoreRunsOnlyThePrimarysStoreNodeWithItsBackupsAndTellsTheControllerWhereTheyAre() throws Exception {
        LabPlan plan = plan("backup-restore-lab");
        assertThat(plan.storeNodes()).containsOnlyKeys("eu-west-1");
        assertThat(plan.linkedRegions()).containsOnlyKeys("eu-west-1");
        assertThat(plan.processes(LINKS)).extracting(LabPlan.LabProcess::name)
                .containsExactly("coordinator", "store-eu-west-1", "dns", "controller");
        assertThat(String.join(" ", args(plan, "store-eu-west-1")))
                .contains("--backup-dir " + STATE.resolve("backups") + " --backup-interval 5s");
        assertThat(String.join(" ", args(plan, "controller"))).contains("--backup-dir " + STATE.resolve("backups"));
    }

    @Test
    void aWarmStandbyLabIsAPilotLightLabInProcessesItsInstancesAreTheControllers() throws Exception {
        LabPlan plan = plan("warm-standby-lab");
        assertThat(plan.processes(LINKS)).extracting(LabPlan.LabProcess::name)
                .containsExactly("coordinator", "store-us-east-1", "store-us-east-2", "dns", "controller");
        assertThat(plan.routedNames()).containsExactly("api.pay.example");
        assertThat(plan.roundTrip().toMillis()).isEqualTo(40);
    }
}
