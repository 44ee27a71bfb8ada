package io.pilotlight.topology.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.RepoFiles;
import io.pilotlight.topology.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped JSON Schema is generated from the model, and says what the loader enforces. */
class SchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA = parse(SchemaGenerator.generate());

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("the generated schema is not JSON", e);
        }
    }

    private static JsonNode def(String name) {
        return SCHEMA.path("$defs").path(name);
    }

    @Test
    void theShippedSchemaIsTheGeneratedOneByteForByte() throws IOException {
        Path shipped = RepoFiles.root().resolve("schema/topology.schema.json");
        assertThat(shipped).as("schema/topology.schema.json is missing; create it with:"
                + " bin/pilotlight schema > schema/topology.schema.json").exists();
        assertThat(new String(Files.readAllBytes(shipped), StandardCharsets.UTF_8))
                .as("schema/topology.schema.json is out of date with the model; regenerate it with:"
                        + " bin/pilotlight schema > schema/topology.schema.json")
                .isEqualTo(SchemaGenerator.generate());
    }

    @Test
    void generationIsDeterministicAndEndsWithANewline() {
        assertThat(SchemaGenerator.generate()).isEqualTo(SchemaGenerator.generate()).endsWith("}\n");
    }

    @Test
    void rootIsADraft2020ObjectWithTheRequiredTopLevelKeys() {
        assertThat(SCHEMA.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(SCHEMA.path("$id").asText()).isEqualTo(SchemaGenerator.SCHEMA_ID);
        assertThat(SCHEMA.path("type").asText()).isEqualTo("object");
        assertThat(SCHEMA.path("required")).extracting(JsonNode::asText).containsExactly("name", "objectives");
        assertThat(SCHEMA.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(fieldNames(SCHEMA.path("properties"))).containsExactly("name", "pattern", "objectives", "regions",
                "services", "health_checks", "dns", "data_stores", "compute", "failover", "clients", "drills", "network", "coordination");
        assertThat(SCHEMA.at("/properties/regions/propertyNames/pattern").asText()).isEqualTo("^[a-z][a-z0-9-]*$");
    }

    @Test
    void healthCheckBoundsEnumsAndDefaultsComeFromTheAnnotations() {
        JsonNode properties = def("HealthCheck").path("properties");
        assertThat(properties.at("/failure_threshold/type").asText()).isEqualTo("integer");
        assertThat(properties.at("/failure_threshold/minimum").asDouble()).isEqualTo(1);
        assertThat(properties.at("/failure_threshold/maximum").asDouble()).isEqualTo(10);
        assertThat(properties.at("/failure_threshold/default").isInt()).as("a typed default, not \"3\"").isTrue();
        assertThat(properties.at("/failure_threshold/default").asInt()).isEqualTo(3);
        assertThat(properties.at("/verify_certificate/default").isBoolean()).isTrue();
        assertThat(properties.at("/request_interval/default").asText()).isEqualTo("30s");
        assertThat(properties.at("/port/maximum").asDouble()).isEqualTo(65535);
        assertThat(properties.at("/type/enum")).extracting(JsonNode::asText).containsExactly("HTTP", "HTTPS", "TCP", "CALCULATED");
        assertThat(properties.at("/request_interval/anyOf")).hasSize(2); // "10s" or a bare number of seconds
        assertThat(properties.at("/request_interval/anyOf/0/pattern").asText()).isEqualTo("^([0-9]+(ms|s|m|h|d))+$");
        assertThat(properties.at("/request_interval/anyOf/1/type").asText()).isEqualTo("integer");
        assertThat(fieldNames(properties)).containsExactlyElementsOf(
                Arrays.stream(HealthCheck.class.getRecordComponents()).map(c -> io.pilotlight.topology.spec.WireNames.ofField(c.getName())).toList());
        assertThat(def("HealthCheck").path("required")).extracting(JsonNode::asText).as("lists and defaulted fields are optional")
                .containsExactly("type");
    }

    @Test
    void coordinationMembersAreIntegersWithTheBoundsTheLoaderChecks() {
        JsonNode members = def("Coordination").at("/properties/members");
        assertThat(members.at("/propertyNames/pattern").asText()).isEqualTo("^[a-z][a-z0-9-]*$");
        assertThat(members.at("/additionalProperties/type").asText()).isEqualTo("integer");
        assertThat(members.at("/additionalProperties/minimum").asInt()).isEqualTo(1);
        assertThat(members.at("/additionalProperties/maximum").asInt()).isEqualTo(7);
        assertThat(def("Coordination").at("/properties/store/enum")).extracting(JsonNode::asText).containsExactly("etcd", "in-process");
    }

    @Test
    void otherEnumsAreKebabCaseUnlessRoute53WritesThemUpperCase() {
        assertThat(def("Region").at("/properties/role/enum")).extracting(JsonNode::asText).containsExactly("primary", "standby", "active", "witness");
        assertThat(def("DataStore").at("/properties/kind/enum")).extracting(JsonNode::asText)
                .containsExactly("global-database", "global-table", "object-replication", "backup");
        assertThat(def("FailoverRoutingPolicy").at("/properties/type/enum")).extracting(JsonNode::asText)
                .containsExactly("PRIMARY", "SECONDARY");
        assertThat(def("Objectives").at("/properties/rto/pattern").asText()).isEqualTo("^([0-9]+(ms|s|m|h|d))+$");
        assertThat(def("Objectives").at("/properties/rto/anyOf").isMissingNode()).as("rto: 15 needs a unit").isTrue();
    }

    @Test
    void everyObjectForbidsUnknownKeysAndEveryRefResolves() {
        List<String> objects = new ArrayList<>();
        SCHEMA.path("$defs").fields().forEachRemaining(def -> {
            objects.add(def.getKey());
            assertThat(def.getValue().path("additionalProperties").isBoolean()).as(def.getKey()).isTrue();
            assertThat(def.getValue().path("additionalProperties").asBoolean()).as(def.getKey()).isFalse();
            assertThat(def.getValue().path("description").isMissingNode() || def.getValue().path("description").isTextual()).isTrue();
        });
        assertThat(objects).contains("Objectives", "Region", "Service", "Endpoint", "HealthCheck", "Dns", "Zone", "Soa",
                "RecordSet", "Alias", "DataStore", "Replication", "Compute", "Capacity", "FailoverSettings", "Clients", "Drill");
        List<String> refs = new ArrayList<>();
        collectRefs(SCHEMA, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(SCHEMA.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    }

    @Test
    void everyFieldHasADescription() {
        SCHEMA.path("$defs").fields().forEachRemaining(def -> def.getValue().path("properties").fields().forEachRemaining(
                property -> assertThat(property.getValue().path("description").asText()).as(def.getKey() + "." + property.getKey()).isNotBlank()));
        assertThat(SCHEMA.path("description").asText()).isEqualTo(Topology.class.getAnnotation(io.pilotlight.topology.spec.Doc.class).value());
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.elements().forEachRemaining(child -> collectRefs(child, refs));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
