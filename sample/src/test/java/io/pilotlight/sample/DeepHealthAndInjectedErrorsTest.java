package io.pilotlight.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeepHealthAndInjectedErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A node's status as its admin API serves it (fields left out take their defaults). */
    private static io.pilotlight.store.node.NodeStatus status(String json) throws Exception {
        return JSON.treeToValue(JSON.readTree(json), io.pilotlight.store.node.NodeStatus.class);
    }

    @Test
    void aWriterIsHealthyOnlyWhileItHoldsItsLease() throws Exception {
        assertThat(StoreHealth.judge(status("{\"role\":\"WRITER\",\"leaseValid\":true}"), 1_000)).isNull();
        assertThat(StoreHealth.judge(status("{\"role\":\"WRITER\",\"leaseValid\":false}"), 1_000)).contains("lost its lease");
    }

    @Test
    void aReplicaIsHealthyWhileItHearsFromAWriter() throws Exception {
        long now = 100_000;
        assertThat(StoreHealth.judge(status("{\"role\":\"REPLICA\",\"lastContactMillis\":" + (now - 2_000) + "}"), now)).isNull();
        assertThat(StoreHealth.judge(status("{\"role\":\"REPLICA\",\"lastContactMillis\":" + (now - 11_000) + "}"), now))
                .contains("has not heard from a writer for 11s");
        assertThat(StoreHealth.judge(status("{\"role\":\"REPLICA\",\"lastContactMillis\":0}"), now)).isNotNull();
    }

    @Test
    void aStoreNodeThatDoesNotAnswerMakesTheInstanceUnhealthy() {
        assertThat(new StoreHealth("http://127.0.0.1:1", java.time.Clock.systemUTC()).problem()).contains("does not answer");
    }

    @Test
    void theFaultFileMakesThatShareOfRequestsFailAndItsRemovalStopsThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("api@east.json");
        InjectedErrors errors = new InjectedErrors(file);
        assertThat(count(errors, 1_000)).as("no file, no fault").isZero();
        Files.writeString(file, "{\"error_ratio\": 0.3, \"seed\": 7}");
        Thread.sleep(250);
        assertThat(count(errors, 10_000)).isBetween(2_700, 3_300);
        Files.delete(file);
        Thread.sleep(250);
        assertThat(count(errors, 1_000)).isZero();
    }

    @Test
    void aHalfWrittenFaultFileInjectsNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("api@east.json");
        Files.writeString(file, "{\"error_ratio\": 0.");
        assertThat(count(new InjectedErrors(file), 1_000)).isZero();
    }

    private static int count(InjectedErrors errors, int requests) {
        int failed = 0;
        for (int i = 0; i < requests; i++) {
            failed += errors.failThisOne() ? 1 : 0;
        }
        return failed;
    }
}
