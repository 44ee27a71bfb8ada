package io.pilotlight.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.topology.load.TopologyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The drill waits for the lab's steady state before the fault. With Route 53's 30 s checks (the shipped
 * backup-restore.yaml) a check needs (3 + 1) intervals to leave its initial state and turn healthy: the fixed minute the
 * drill once allowed ended it with "the lab never reached a steady state".
 */
class WarmUpTest {

    @Test
    void slowChecksGetTheirIntervalsAndFastOnesAMinute() throws Exception {
        assertThat(DrillRunner.warmUp(load("backup-restore"))).isEqualTo(Duration.ofSeconds(30 * 4 + 30));
        assertThat(DrillRunner.warmUp(load("pilot-light-lab"))).isEqualTo(Duration.ofMinutes(1));
    }

    private static io.pilotlight.topology.Topology load(String example) throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("examples"))) {
            dir = dir.getParent();
        }
        return TopologyLoader.load(dir.resolve("examples").resolve(example + ".yaml")).topology();
    }
}
