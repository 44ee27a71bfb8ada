package io.pilotlight.terraform.eval;

import io.pilotlight.terraform.TerraformInputException;
import io.pilotlight.terraform.TerraformSyntaxException;
import io.pilotlight.terraform.config.Attribute;
import io.pilotlight.terraform.config.Block;
import io.pilotlight.terraform.config.Configuration;
import io.pilotlight.terraform.hcl.HclReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Variable values in Terraform's order of precedence, lowest first: terraform.tfvars, *.auto.tfvars (by name),
 * each -var-file in order, each -var in order.
 */
public final class Variables {
    private Variables() {
    }

    public static Map<String, Value> of(Path directory, List<Path> varFiles, Map<String, String> vars)
            throws TerraformSyntaxException, TerraformInputException {
        Map<String, Value> values = new LinkedHashMap<>();
        Configuration empty = new Configuration("", List.of());
        Evaluator literal = new Evaluator(empty, Map.of());
        if (directory != null && Files.isDirectory(directory)) {
            Path defaults = directory.resolve("terraform.tfvars");
            if (Files.isRegularFile(defaults)) {
                put(values, HclReader.tfvars(defaults), literal);
            }
            try (Stream<Path> files = Files.list(directory)) {
                for (Path auto : files.filter(p -> p.getFileName().toString().endsWith(".auto.tfvars")).sorted().toList()) {
                    put(values, HclReader.tfvars(auto), literal);
                }
            } catch (IOException e) {
                throw new TerraformInputException("cannot list " + directory + ": " + e.getMessage());
            }
        }
        for (Path file : varFiles) {
            put(values, HclReader.tfvars(file), literal);
        }
        for (Map.Entry<String, String> var : vars.entrySet()) {
            values.put(var.getKey(), parse(var.getKey(), var.getValue(), literal));
        }
        return values;
    }

    /** A -var value: HCL when it reads as a number, bool, list or map; otherwise the string as given (as Terraform does). */
    private static Value parse(String name, String text, Evaluator literal) {
        try {
            List<Block> blocks = HclReader.blocks("-var " + name, name + " = " + text + "\n");
            if (blocks.size() == 1 && blocks.get(0).type().equals("attribute")) {
                Attribute attribute = blocks.get(0).attributes().get(name);
                if (attribute != null) {
                    Value value = literal.evaluate(attribute.expr(), attribute.origin());
                    if (value instanceof Value.Known) {
                        return value;
                    }
                }
            }
        } catch (TerraformSyntaxException e) {
            // not HCL: a plain string, as Terraform takes it for a string variable
        }
        return new Value.Known(text);
    }

    private static void put(Map<String, Value> values, Map<String, Attribute> attributes, Evaluator literal) {
        attributes.forEach((name, attribute) -> values.put(name, literal.evaluate(attribute.expr(), attribute.origin())));
    }
}
