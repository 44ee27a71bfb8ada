package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonOutputTest {
    @Test
    void camelCaseFieldNamesBecomeSnakeCase() {
        assertThat(JsonOutput.snakeCase("lastContactMillis")).isEqualTo("last_contact_millis");
        assertThat(JsonOutput.snakeCase("httpStatus")).isEqualTo("http_status");
        assertThat(JsonOutput.snakeCase("lastHTTPStatus")).isEqualTo("last_http_status");
        assertThat(JsonOutput.snakeCase("lagMillis2")).isEqualTo("lag_millis2");
        assertThat(JsonOutput.snakeCase("already_snake")).isEqualTo("already_snake");
        assertThat(JsonOutput.snakeCase("role")).isEqualTo("role");
    }

    @Test
    void fieldsAreRenamedAtEveryDepthButTheKeysOfMapsOfNamesAreKept() throws Exception {
        JsonNode status = new ObjectMapper().readTree("""
                {"writerRegion": "usEast", "replicas": {"usWest": {"lagMillis": 3, "durableIndex": 7}},
                 "vantages": [{"lastResult": {"httpStatus": 200}}]}""");
        JsonNode converted = JsonOutput.snakeCase(status, Set.of("replicas"));
        assertThat(converted.toString()).isEqualTo(
                "{\"writer_region\":\"usEast\",\"replicas\":{\"usWest\":{\"lag_millis\":3,\"durable_index\":7}},"
                        + "\"vantages\":[{\"last_result\":{\"http_status\":200}}]}");
    }
}
