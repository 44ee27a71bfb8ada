package io.pilotlight.terraform.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.terraform.Origin;
import io.pilotlight.terraform.TerraformInputException;
import io.pilotlight.terraform.TerraformSyntaxException;
import io.pilotlight.terraform.config.Attribute;
import io.pilotlight.terraform.config.Block;
import io.pilotlight.terraform.config.Configuration;
import io.pilotlight.terraform.config.Expr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code terraform show -json} (a plan: {@code planned_values}; a state: {@code values}) into
 * the same blocks as HCL. Values the plan cannot know yet (ids) are taken from the {@code configuration}
 * section's references, so a record still points at its health check; provider aliases and their regions come
 * from {@code configuration.provider_config}. Each resource's line is the line of its {@code "address"}.
 */
public final class PlanJsonReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    private final String file;
    private final String text;

    private PlanJsonReader(String file, String text) {
        this.file = file;
        this.text = text;
    }

    public static Configuration read(Path path) throws TerraformSyntaxException, TerraformInputException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new TerraformInputException(path + " is not UTF-8 text");
        } catch (IOException e) {
            throw new TerraformInputException("cannot read " + path + ": " + e.getMessage());
        }
        return parse(path.toString(), text);
    }

    public static Configuration parse(String file, String text) throws TerraformSyntaxException, TerraformInputException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new TerraformSyntaxException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "JSON syntax: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !(root.has("planned_values") || root.has("values"))) {
            throw new TerraformInputException(file + " is not the output of terraform show -json: it has neither planned_values"
                    + " (a plan) nor values (a state)");
        }
        return new PlanJsonReader(file, text).configuration(root);
    }

    private Configuration configuration(JsonNode root) {
        JsonNode values = root.has("planned_values") ? root.get("planned_values") : root.get("values");
        JsonNode config = root.path("configuration");
        Map<String, JsonNode> configured = new HashMap<>();
        collectConfig(config.path("root_module"), "", configured);
        List<Block> blocks = new ArrayList<>(providers(config.path("provider_config")));
        collectResources(values.path("root_module"), configured, blocks);
        return new Configuration(file, blocks);
    }

    private void collectConfig(JsonNode module, String prefix, Map<String, JsonNode> out) {
        for (JsonNode resource : module.path("resources")) {
            out.put(prefix + resource.path("address").asText(), resource);
        }
        module.path("module_calls").properties().forEach(call ->
                collectConfig(call.getValue().path("module"), prefix + "module." + call.getKey() + ".", out));
    }

    private void collectResources(JsonNode module, Map<String, JsonNode> configured, List<Block> out) {
        for (JsonNode resource : module.path("resources")) {
            if (!"managed".equals(resource.path("mode").asText("managed"))) {
                continue;
            }
            String address = resource.path("address").asText();
            Origin origin = new Origin(file, lineOf(address));
            JsonNode config = configured.get(address.replaceAll("\\[[^]]*]", ""));
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            List<Block> nested = new ArrayList<>();
            merge(resource.path("values"), config == null ? null : config.path("expressions"), origin, attributes, nested);
            if (config != null && config.hasNonNull("provider_config_key")) {
                String key = config.get("provider_config_key").asText();
                key = key.contains(":") ? key.substring(key.lastIndexOf(':') + 1) : key;
                attributes.put("provider", new Attribute("provider", new Expr.Ref(key), origin));
            }
            List<String> labels = new ArrayList<>(List.of(resource.path("type").asText(), resource.path("name").asText()));
            JsonNode index = resource.path("index");
            if (index.isNumber() || index.isTextual()) {
                // an instance of count or for_each: its index as the address writes it, e.g. ["east"] or [0]
                labels.add(index.isNumber() ? "[" + index.asText() + "]" : "[" + JSON.valueToTree(index.asText()).toString() + "]");
            }
            out.add(new Block("resource", labels, attributes, nested, origin));
        }
        for (JsonNode child : module.path("child_modules")) {
            collectResources(child, configured, out);
        }
    }

    /** Values as attributes and nested blocks; a value the plan does not know yet is the reference the configuration wrote. */
    private void merge(JsonNode values, JsonNode expressions, Origin origin, Map<String, Attribute> attributes, List<Block> nested) {
        values.properties().forEach(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            JsonNode expression = expressions == null ? null : expressions.get(name);
            if (value.isArray() && !value.isEmpty() && allObjects(value)) {
                for (int i = 0; i < value.size(); i++) {
                    JsonNode nestedExpr = expression != null && expression.isArray() && i < expression.size() ? expression.get(i) : null;
                    nested.add(block(name, value.get(i), nestedExpr, origin));
                }
            } else if (value.isObject() && expression != null && expression.isArray()) {
                nested.add(block(name, value, expression.get(0), origin));
            } else if (value.isNull() && expression != null && expression.has("references") && !expression.get("references").isEmpty()) {
                attributes.put(name, new Attribute(name, Expr.Traversal.parse(expression.get("references").get(0).asText()), origin));
            } else if (value.isNull() && expression != null && expression.isArray() && !expression.isEmpty() && expression.get(0).isObject()) {
                for (JsonNode item : expression) {
                    nested.add(block(name, JSON.createObjectNode(), item, origin));
                }
            } else if (!value.isNull()) {
                attributes.put(name, new Attribute(name, expr(value), origin));
            }
        });
        if (expressions != null && expressions.isObject()) {
            expressions.properties().forEach(field -> {
                if (!values.has(field.getKey()) && field.getValue().has("references") && !field.getValue().get("references").isEmpty()) {
                    attributes.put(field.getKey(), new Attribute(field.getKey(),
                            Expr.Traversal.parse(field.getValue().get("references").get(0).asText()), origin));
                } else if (!values.has(field.getKey()) && field.getValue().isArray() && allObjects(field.getValue())) {
                    for (JsonNode item : field.getValue()) {
                        nested.add(block(field.getKey(), JSON.createObjectNode(), item, origin));
                    }
                }
            });
        }
    }

    private Block block(String type, JsonNode values, JsonNode expressions, Origin origin) {
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        List<Block> nested = new ArrayList<>();
        merge(values, expressions, origin, attributes, nested);
        return new Block(type, List.of(), attributes, nested, origin);
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static Expr expr(JsonNode value) {
        if (value.isTextual()) {
            return new Expr.Literal(value.asText());
        }
        if (value.isNumber()) {
            return new Expr.Literal(value.decimalValue());
        }
        if (value.isBoolean()) {
            return new Expr.Literal(value.asBoolean());
        }
        if (value.isArray()) {
            List<Expr> items = new ArrayList<>();
            value.forEach(item -> items.add(expr(item)));
            return new Expr.ListOf(items);
        }
        if (value.isObject()) {
            Map<String, Expr> entries = new LinkedHashMap<>();
            value.properties().forEach(f -> entries.put(f.getKey(), expr(f.getValue())));
            return new Expr.MapOf(entries);
        }
        return new Expr.Literal(null);
    }

    private List<Block> providers(JsonNode providerConfig) {
        List<Block> out = new ArrayList<>();
        providerConfig.properties().forEach(entry -> {
            JsonNode provider = entry.getValue();
            Origin origin = new Origin(file, lineOfKey(entry.getKey()));
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            if (provider.hasNonNull("alias")) {
                attributes.put("alias", new Attribute("alias", new Expr.Literal(provider.get("alias").asText()), origin));
            }
            JsonNode region = provider.path("expressions").path("region");
            if (region.has("constant_value")) {
                attributes.put("region", new Attribute("region", expr(region.get("constant_value")), origin));
            } else if (region.has("references") && !region.get("references").isEmpty()) {
                attributes.put("region", new Attribute("region", new Expr.Ref(region.get("references").get(0).asText()), origin));
            }
            out.add(new Block("provider", List.of(provider.path("name").asText("aws")), attributes, List.of(), origin));
        });
        return out;
    }

    private int lineOf(String address) {
        // as the file writes it: an instance key's quotes are escaped ("aws_x.y[\\"east\\"]")
        return lineMatching(Pattern.compile("\"address\"\\s*:\\s*" + Pattern.quote(JSON.getNodeFactory().textNode(address).toString())));
    }

    private int lineOfKey(String key) {
        return lineMatching(Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\\{"));
    }

    private int lineMatching(Pattern pattern) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return Origin.UNKNOWN_LINE;
        }
        int line = 1;
        for (int i = 0; i < matcher.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
