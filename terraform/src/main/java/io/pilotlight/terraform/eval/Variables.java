package io.pilotlight.terraform.eval;

import io.pilotlight.terraform.ImportOptions.VariableInput;
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
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Variable values in Terraform's order of precedence, lowest first (a later source wins; a variable's own
 * {@code default} is below all of them):
 * <ol>
 * <li>{@code TF_VAR_name} environment variables;</li>
 * <li>{@code terraform.tfvars}, then {@code terraform.tfvars.json}, of the configuration's directory;</li>
 * <li>{@code *.auto.tfvars} and {@code *.auto.tfvars.json}, together, in lexical order of their file names;</li>
 * <li>each {@code -var} and {@code -var-file}, in the order given on the command line.</li>
 * </ol>
 * A {@code .json} var file is read as JSON, any other as HCL.
 */
public final class Variables {
    public static final String ENV_PREFIX = "TF_VAR_";

    private Variables() {
    }

    /**
     * @param directory   the configuration's directory (its tfvars files are loaded automatically), or {@code null}
     * @param inputs      the command line's -var and -var-file, in order
     * @param environment the process environment; only {@code TF_VAR_*} entries are read
     */
    public static Map<String, Value> of(Path directory, List<VariableInput> inputs, Map<String, String> environment)
            throws TerraformSyntaxException, TerraformInputException {
        Map<String, Value> values = new LinkedHashMap<>();
        Evaluator literal = new Evaluator(new Configuration("", List.of()), Map.of());
        new TreeMap<>(environment).forEach((key, text) -> {
            if (key.startsWith(ENV_PREFIX) && key.length() > ENV_PREFIX.length()) {
                String name = key.substring(ENV_PREFIX.length());
                values.put(name, parse(name, text, literal, "environment " + key));
            }
        });
        if (directory != null && Files.isDirectory(directory)) {
            for (String name : List.of("terraform.tfvars", "terraform.tfvars.json")) {
                Path file = directory.resolve(name);
                if (Files.isRegularFile(file)) {
                    putFile(values, file, literal);
                }
            }
            for (Path auto : autoFiles(directory)) {
                putFile(values, auto, literal);
            }
        }
        for (VariableInput input : inputs) {
            switch (input) {
                case VariableInput.VarFile file -> putFile(values, file.file(), literal);
                case VariableInput.Var var -> values.put(var.name(), parse(var.name(), var.value(), literal, "-var " + var.name()));
            }
        }
        return values;
    }

    /** {@code *.auto.tfvars} and {@code *.auto.tfvars.json}, one list in lexical order of file names (as Terraform loads them). */
    static List<Path> autoFiles(Path directory) throws TerraformInputException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return (name.endsWith(".auto.tfvars") || name.endsWith(".auto.tfvars.json")) && Files.isRegularFile(p);
            }).sorted(java.util.Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new TerraformInputException("cannot list " + directory + ": " + e.getMessage());
        }
    }

    private static void putFile(Map<String, Value> values, Path file, Evaluator literal) throws TerraformSyntaxException, TerraformInputException {
        if (file.getFileName().toString().endsWith(".json")) {
            values.putAll(TfvarsJson.read(file));
        } else {
            Map<String, Attribute> attributes = HclReader.tfvars(file);
            attributes.forEach((name, attribute) -> values.put(name, literal.evaluate(attribute.expr(), attribute.origin())));
        }
    }

    /**
     * A -var or TF_VAR_ value: HCL when it reads as a number, bool, list or map; otherwise the string as given (as
     * Terraform takes it for a string variable).
     */
    private static Value parse(String name, String text, Evaluator literal, String source) {
        try {
            List<Block> blocks = HclReader.blocks(source, name + " = " + text + "\n");
            if (blocks.size() == 1 && blocks.get(0).type().equals("attribute")) {
                Attribute attribute = blocks.get(0).attributes().get(name);
                if (attribute != null) {
                    Value value = literal.evaluate(attribute.expr(), attribute.origin());
                    if (value instanceof Value.Known) {
                        return value;
                    }
                }
            }
        } catch (TerraformSyntaxException | RuntimeException e) {
            // not HCL: a plain string, as Terraform takes it for a string variable
        }
        return new Value.Known(text);
    }
}
