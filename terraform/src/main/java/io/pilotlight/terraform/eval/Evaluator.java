package io.pilotlight.terraform.eval;

import io.pilotlight.terraform.Origin;
import io.pilotlight.terraform.config.Attribute;
import io.pilotlight.terraform.config.Block;
import io.pilotlight.terraform.config.Configuration;
import io.pilotlight.terraform.config.Expr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates what can be evaluated without running Terraform: literals, variables with a default or a given
 * value, locals, string templates of those, lists and maps; and references to resources, kept as references.
 * Everything else (functions, conditionals, data sources, module outputs, computed attributes) is
 * {@link Value.Unknown} with the reason and the place: never guessed.
 */
public final class Evaluator {
    private final Configuration configuration;
    private final Map<String, Value> variables;
    private final Map<String, Attribute> locals = new LinkedHashMap<>();
    private final Set<String> evaluating = new HashSet<>();

    /**
     * @param variables the values given for variables (tfvars, -var, module inputs), overriding their defaults
     */
    public Evaluator(Configuration configuration, Map<String, Value> variables) {
        this.configuration = configuration;
        Map<String, Value> all = new LinkedHashMap<>();
        for (Block variable : configuration.ofType("variable")) {
            String name = variable.label(0);
            all.put(name, variable.attribute("default").map(d -> evaluate(d.expr(), d.origin()))
                    .orElse(new Value.Unknown("variable " + name + " has no default and no -var or -var-file value", variable.origin())));
        }
        all.putAll(variables);
        this.variables = all;
        for (Block block : configuration.ofType("locals")) {
            locals.putAll(block.attributes());
        }
    }

    public Configuration configuration() {
        return configuration;
    }

    public Value attribute(Block block, String name) {
        return block.attribute(name).map(a -> evaluate(a.expr(), a.origin())).orElse(null);
    }

    public Value evaluate(Expr expr, Origin where) {
        return switch (expr) {
            case Expr.Literal literal -> new Value.Known(literal.value());
            case Expr.Ref ref -> reference(ref, where);
            case Expr.Template template -> template(template, where);
            case Expr.ListOf list -> {
                List<Value> items = new ArrayList<>();
                list.items().forEach(item -> items.add(evaluate(item, where)));
                yield new Value.Known(items);
            }
            case Expr.MapOf map -> {
                Map<String, Value> entries = new LinkedHashMap<>();
                map.entries().forEach((k, v) -> entries.put(k, evaluate(v, where)));
                yield new Value.Known(entries);
            }
            case Expr.Opaque opaque -> new Value.Unknown(opaque.description() + " is not evaluated by the importer", where);
        };
    }

    private Value reference(Expr.Ref ref, Origin where) {
        List<String> parts = ref.parts();
        String head = parts.get(0);
        if (parts.size() < 2) {
            return new Value.Unknown(ref.path() + " is only known inside its expression", where);
        }
        return switch (head) {
            case "var" -> {
                Value value = variables.get(parts.get(1));
                if (value == null) {
                    yield new Value.Unknown("var." + parts.get(1) + " is not declared", where);
                }
                yield value instanceof Value.Unknown unknown && parts.size() == 2
                        ? new Value.Unknown(unknown.why() + " (used as var." + parts.get(1) + ")", where) : member(value, parts, 2, ref, where);
            }
            case "local" -> local(parts.get(1), ref, parts, where);
            case "module" -> new Value.Unknown(ref.path() + " is an output of module " + parts.get(1) + ", not followed here", where);
            case "data" -> new Value.Unknown(ref.path() + " is read from a data source when Terraform runs", where);
            case "each", "count", "path", "terraform", "self" -> new Value.Unknown(ref.path() + " is only known when Terraform runs", where);
            default -> parts.size() >= 3 ? new Value.ResourceRef(head, parts.get(1), String.join(".", parts.subList(2, parts.size())))
                    : new Value.ResourceRef(head, parts.get(1), "");
        };
    }

    private Value local(String name, Expr.Ref ref, List<String> parts, Origin where) {
        Attribute local = locals.get(name);
        if (local == null) {
            return new Value.Unknown("local." + name + " is not declared", where);
        }
        if (!evaluating.add(name)) {
            return new Value.Unknown("local." + name + " refers to itself", local.origin());
        }
        try {
            return member(evaluate(local.expr(), local.origin()), parts, 2, ref, where);
        } finally {
            evaluating.remove(name);
        }
    }

    /** {@code var.settings.ttl}: a key of a known map. */
    private static Value member(Value value, List<String> parts, int from, Expr.Ref ref, Origin where) {
        Value current = value;
        for (int i = from; i < parts.size(); i++) {
            Map<String, Value> entries = current.entries();
            if (!entries.containsKey(parts.get(i))) {
                return current instanceof Value.Unknown unknown ? unknown
                        : new Value.Unknown(ref.path() + ": no key " + parts.get(i) + " in a known value", where);
            }
            current = entries.get(parts.get(i));
        }
        return current;
    }

    private Value template(Expr.Template template, Origin where) {
        StringBuilder out = new StringBuilder();
        for (Expr part : template.parts()) {
            Value value = evaluate(part, where);
            if (value instanceof Value.Known known && (known.value() instanceof String || known.value() instanceof BigDecimal
                    || known.value() instanceof Boolean)) {
                out.append(known.value() instanceof BigDecimal number ? number.stripTrailingZeros().toPlainString() : known.value());
            } else if (value instanceof Value.Unknown unknown) {
                return new Value.Unknown("a string built from an unknown value: " + unknown.why(), where);
            } else {
                return new Value.Unknown("a string built from " + describe(value) + ", known only when Terraform runs", where);
            }
        }
        return new Value.Known(out.toString());
    }

    static String describe(Value value) {
        return value instanceof Value.ResourceRef ref ? ref.address() + (ref.attribute().isEmpty() ? "" : "." + ref.attribute()) : "a value";
    }
}
