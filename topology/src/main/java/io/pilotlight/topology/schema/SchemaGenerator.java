package io.pilotlight.topology.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotlight.topology.Durations;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Default;
import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.KeyPattern;
import io.pilotlight.topology.spec.Omittable;
import io.pilotlight.topology.spec.Seconds;
import io.pilotlight.topology.spec.WireNames;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Generates the JSON Schema of the topology file from the model records, the same metadata the
 * loader binds with, so the schema an editor completes with is the format the loader accepts.
 */
public final class SchemaGenerator {
    public static final String SCHEMA_ID = "https://pilotlight.io/schema/topology.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode definitions = JSON.createObjectNode();

    private SchemaGenerator() {
    }

    /** The schema as pretty-printed JSON with a final newline. */
    public static String generate() {
        SchemaGenerator generator = new SchemaGenerator();
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", SCHEMA_ID);
        root.put("title", "Pilotlight topology");
        ObjectNode body = generator.recordSchema(Topology.class);
        root.setAll(body);
        root.set("$defs", generator.definitions);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode recordSchema(Class<?> type) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "object");
        Doc doc = type.getAnnotation(Doc.class);
        if (doc != null) {
            schema.put("description", doc.value());
        }
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.createArrayNode();
        for (RecordComponent component : type.getRecordComponents()) {
            String key = WireNames.ofField(component.getName());
            properties.set(key, componentSchema(component));
            boolean optional = component.isAnnotationPresent(Omittable.class) || component.isAnnotationPresent(Default.class)
                    || component.getType() == List.class || component.getType() == Map.class;
            if (!optional) {
                required.add(key);
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private ObjectNode componentSchema(RecordComponent component) {
        ObjectNode schema = typeSchema(component.getGenericType(), component);
        Doc doc = component.getAnnotation(Doc.class);
        if (doc != null) {
            schema.put("description", doc.value());
        }
        Default fallback = component.getAnnotation(Default.class);
        if (fallback != null) {
            schema.set("default", defaultValue(component.getType(), fallback.value()));
        }
        return schema;
    }

    /** The default as a JSON value of the field's type: 3, not "3", or an editor flags the value it completed. */
    private static com.fasterxml.jackson.databind.JsonNode defaultValue(Class<?> type, String text) {
        if (type == int.class || type == Integer.class) {
            return JSON.getNodeFactory().numberNode(Integer.parseInt(text));
        }
        if (type == double.class || type == Double.class) {
            return JSON.getNodeFactory().numberNode(Double.parseDouble(text));
        }
        if (type == boolean.class || type == Boolean.class) {
            return JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(text));
        }
        return JSON.getNodeFactory().textNode(text);
    }

    private ObjectNode typeSchema(Type type, RecordComponent component) {
        ObjectNode schema = JSON.createObjectNode();
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        Bounds bounds = component == null ? null : component.getAnnotation(Bounds.class);
        if (raw == List.class) {
            schema.put("type", "array");
            schema.set("items", typeSchema(((ParameterizedType) type).getActualTypeArguments()[0], null));
        } else if (raw == Map.class) {
            schema.put("type", "object");
            KeyPattern keys = component == null ? null : component.getAnnotation(KeyPattern.class);
            if (keys != null) {
                schema.putObject("propertyNames").put("pattern", keys.regex());
            }
            Type values = ((ParameterizedType) type).getActualTypeArguments()[1];
            schema.set("additionalProperties", typeSchema(values, scalarValues(values, component)));
        } else if (raw.isRecord()) {
            String name = raw.getSimpleName();
            if (!definitions.has(name)) {
                definitions.putObject(name);
                definitions.set(name, recordSchema(raw));
            }
            schema.put("$ref", "#/$defs/" + name);
        } else if (raw == String.class) {
            schema.put("type", "string");
        } else if (raw == int.class || raw == Integer.class) {
            schema.put("type", "integer");
            integerBounds(schema, bounds);
        } else if (raw == double.class || raw == Double.class) {
            schema.put("type", "number");
            numericBounds(schema, bounds);
        } else if (raw == boolean.class || raw == Boolean.class) {
            schema.put("type", "boolean");
        } else if (raw == Duration.class) {
            durationSchema(schema, component != null && component.isAnnotationPresent(Seconds.class));
        } else if (raw.isEnum()) {
            schema.put("type", "string");
            ArrayNode values = schema.putArray("enum");
            @SuppressWarnings("unchecked")
            Class<? extends Enum<?>> enumType = (Class<? extends Enum<?>>) raw;
            WireNames.allOf(enumType).forEach(values::add);
        } else {
            throw new IllegalStateException("no schema for model type " + type);
        }
        return schema;
    }

    /** A map of scalars carries its values' bounds on the map's field, as the loader reads them. */
    static RecordComponent scalarValues(Type valueType, RecordComponent mapComponent) {
        Class<?> raw = valueType instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) valueType;
        return raw.isRecord() || raw == Map.class || raw == List.class ? null : mapComponent;
    }

    private static void integerBounds(ObjectNode schema, Bounds bounds) {
        if (bounds == null) {
            return;
        }
        if (!bounds.min().isEmpty()) {
            schema.put("minimum", Long.parseLong(bounds.min()));
        }
        if (!bounds.max().isEmpty()) {
            schema.put("maximum", Long.parseLong(bounds.max()));
        }
    }

    private static void numericBounds(ObjectNode schema, Bounds bounds) {
        if (bounds == null) {
            return;
        }
        if (!bounds.min().isEmpty()) {
            schema.put("minimum", Double.parseDouble(bounds.min()));
        }
        if (!bounds.max().isEmpty()) {
            schema.put("maximum", Double.parseDouble(bounds.max()));
        }
    }

    private static void durationSchema(ObjectNode schema, boolean bareSeconds) {
        ObjectNode text = JSON.createObjectNode().put("type", "string").put("pattern", Durations.REGEX);
        if (!bareSeconds) {
            schema.setAll(text);
            return;
        }
        ArrayNode anyOf = schema.putArray("anyOf");
        anyOf.add(text);
        anyOf.add(JSON.createObjectNode().put("type", "integer").put("minimum", 0));
    }
}
