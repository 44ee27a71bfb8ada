package io.pilotlight.terraform.eval;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.terraform.TerraformInputException;
import io.pilotlight.terraform.TerraformSyntaxException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .tfvars.json} file: one JSON object whose keys are variable names. Values are taken as JSON gives them
 * (a string stays a string: Terraform does not read templates in tfvars JSON); numbers keep their exact value.
 */
final class TfvarsJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    private TfvarsJson() {
    }

    static Map<String, Value> read(Path file) throws TerraformSyntaxException, TerraformInputException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new TerraformInputException(file + " is not UTF-8 text (Terraform files are UTF-8)");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TerraformInputException(file + ": no such file");
        } catch (IOException e) {
            throw new TerraformInputException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    static Map<String, Value> parse(String file, String text) throws TerraformSyntaxException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new TerraformSyntaxException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "JSON syntax: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new TerraformSyntaxException(file, 1, 1, "a .tfvars.json file holds one JSON object of variable names to values");
        }
        Map<String, Value> out = new LinkedHashMap<>();
        root.properties().forEach(e -> out.put(e.getKey(), value(e.getValue())));
        return out;
    }

    private static Value value(JsonNode node) {
        if (node.isObject()) {
            Map<String, Value> entries = new LinkedHashMap<>();
            node.properties().forEach(e -> entries.put(e.getKey(), value(e.getValue())));
            return new Value.Known(entries);
        }
        if (node.isArray()) {
            List<Value> items = new ArrayList<>();
            node.forEach(item -> items.add(value(item)));
            return new Value.Known(items);
        }
        if (node.isNumber()) {
            return new Value.Known(node.decimalValue());
        }
        if (node.isBoolean()) {
            return new Value.Known(node.booleanValue());
        }
        return new Value.Known(node.isNull() ? null : node.asText());
    }
}
