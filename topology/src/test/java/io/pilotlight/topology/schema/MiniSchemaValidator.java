package io.pilotlight.topology.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Just enough of JSON Schema (the keywords SchemaGenerator emits: $ref, anyOf, type, properties,
 * required, additionalProperties, propertyNames, items, enum, pattern, minimum, maximum) to check
 * YAML values, loaded as plain Java maps and lists, against the generated schema.
 */
final class MiniSchemaValidator {
    private final JsonNode root;

    MiniSchemaValidator(JsonNode root) {
        this.root = root;
    }

    List<String> errors(Object value) {
        return errors(value, root);
    }

    List<String> errors(Object value, JsonNode schema) {
        List<String> errors = new ArrayList<>();
        validate(value, schema, "$", errors);
        return errors;
    }

    private void validate(Object value, JsonNode schema, String path, List<String> errors) {
        if (schema.has("$ref")) {
            schema = root.at(schema.get("$ref").asText().substring(1));
            if (schema.isMissingNode()) {
                errors.add(path + ": dangling $ref");
                return;
            }
        }
        if (schema.has("anyOf")) {
            for (JsonNode branch : schema.get("anyOf")) {
                if (errors(value, branch).isEmpty()) {
                    return;
                }
            }
            errors.add(path + ": " + value + " matches no anyOf branch");
            return;
        }
        switch (schema.path("type").asText()) {
            case "object" -> object(value, schema, path, errors);
            case "array" -> {
                if (value instanceof List<?> list) {
                    for (int i = 0; i < list.size(); i++) {
                        validate(list.get(i), schema.get("items"), path + "[" + i + "]", errors);
                    }
                } else {
                    errors.add(path + ": expected an array, found " + value);
                }
            }
            case "string" -> string(value, schema, path, errors);
            case "integer" -> number(value instanceof Integer || value instanceof Long, value, schema, path, errors);
            case "number" -> number(value instanceof Number, value, schema, path, errors);
            case "boolean" -> {
                if (!(value instanceof Boolean)) {
                    errors.add(path + ": expected a boolean, found " + value);
                }
            }
            default -> errors.add(path + ": schema without a known type: " + schema);
        }
    }

    private void object(Object value, JsonNode schema, String path, List<String> errors) {
        if (!(value instanceof Map<?, ?> map)) {
            errors.add(path + ": expected an object, found " + value);
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!map.containsKey(required.asText())) {
                errors.add(path + ": missing required " + required.asText());
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String pattern = schema.path("propertyNames").path("pattern").asText(null);
            if (pattern != null && !Pattern.compile(pattern).matcher(key).find()) {
                errors.add(path + ": name " + key + " does not match " + pattern);
            }
            if (properties.has(key)) {
                validate(entry.getValue(), properties.get(key), path + "." + key, errors);
            } else if (additional.isObject()) {
                validate(entry.getValue(), additional, path + "." + key, errors);
            } else if (additional.isBoolean() && !additional.asBoolean()) {
                errors.add(path + ": additional property " + key);
            }
        }
    }

    private static void string(Object value, JsonNode schema, String path, List<String> errors) {
        if (!(value instanceof String text)) {
            errors.add(path + ": expected a string, found " + value);
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (Iterator<JsonNode> it = schema.get("enum").elements(); it.hasNext(); ) {
                listed |= it.next().asText().equals(text);
            }
            if (!listed) {
                errors.add(path + ": " + text + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            errors.add(path + ": " + text + " does not match " + schema.get("pattern").asText());
        }
    }

    private static void number(boolean typeOk, Object value, JsonNode schema, String path, List<String> errors) {
        if (!typeOk) {
            errors.add(path + ": expected " + schema.get("type").asText() + ", found " + value);
            return;
        }
        double n = ((Number) value).doubleValue();
        if (schema.has("minimum") && n < schema.get("minimum").asDouble()) {
            errors.add(path + ": " + value + " is below " + schema.get("minimum"));
        }
        if (schema.has("maximum") && n > schema.get("maximum").asDouble()) {
            errors.add(path + ": " + value + " is above " + schema.get("maximum"));
        }
    }
}
