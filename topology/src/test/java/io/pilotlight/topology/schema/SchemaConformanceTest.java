package io.pilotlight.topology.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.topology.RepoFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** What an editor checks with the schema agrees with what the loader accepts, on the examples and on typical mistakes. */
class SchemaConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MiniSchemaValidator VALIDATOR;

    static {
        try {
            VALIDATOR = new MiniSchemaValidator(JSON.readTree(SchemaGenerator.generate()));
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final String BASE = """
            name: shop
            objectives: { rto: 30m, rpo: 5m }
            regions: { us-east-1: { role: primary } }
            """;

    private static List<String> errors(String yaml) {
        return VALIDATOR.errors(new Yaml().load(yaml));
    }

    static List<Path> examples() {
        return RepoFiles.examples();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleValidatesAgainstTheSchema(Path example) {
        assertThat(errors(RepoFiles.read(example))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "services: { api: { health_check: { type: HTTP, failure_threshold: 11 } } }",
        "services: { api: { health_check: { type: HTTPZ } } }",
        "services: { api: { health_check: { type: HTTP, failure_treshold: 3 } } }",
        "failover: { decision_delay: 30 }",
        "failover: { decision_delay: 30 mins }",
        "clients: { dns_cache: [30s] }",
        "data_stores: { Orders: { kind: backup, interval: 1h } }",
        "drills: [{ name: d, scenario: region-outage }]",
        "dns: { zones: { example.com: { record_sets: [{ name: api, type: A, ttl: -1 }] } } }"})
    void typicalMistakesTheLoaderRejectsAreSchemaErrorsToo(String section) {
        assertThat(errors(BASE + section)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "dns: { zones: { example.com: { record_sets: [{ name: api, type: A, ttl: 60, records: [127.0.0.1] }] } } }",
        "services: { api: { health_check: { type: TCP, request_interval: 10, timeout: 2s } } }",
        "failover: { mode: manual, decision_delay: 1h30m }"})
    void spellingsTheLoaderAcceptsAreSchemaValid(String section) {
        assertThat(errors(BASE + section)).isEmpty();
    }

    /** A default an editor inserts must itself be valid, or the editor flags the value it just completed. */
    @Test
    void everyDefaultIsValidAgainstItsOwnField() throws Exception {
        JsonNode schema = JSON.readTree(SchemaGenerator.generate());
        List<String> invalid = new ArrayList<>();
        schema.path("$defs").fields().forEachRemaining(def -> def.getValue().path("properties").fields().forEachRemaining(property -> {
            JsonNode field = property.getValue();
            if (field.has("default")) {
                Object value = JSON.convertValue(field.get("default"), Object.class);
                VALIDATOR.errors(value, field).forEach(e -> invalid.add(def.getKey() + "." + property.getKey() + ": " + e));
            }
        }));
        assertThat(invalid).isEmpty();
    }
}
