package io.pilotlight.terraform.eval;

import io.pilotlight.terraform.Origin;
import io.pilotlight.terraform.config.Attribute;
import io.pilotlight.terraform.config.Block;
import io.pilotlight.terraform.config.Configuration;
import io.pilotlight.terraform.config.Expr;
import io.pilotlight.terraform.config.Expr.Step;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates what can be evaluated without running Terraform: literals, variables with a default or a given
 * value, locals, string templates of those, lists and maps, keys and indexes of known values, {@code toset()} of a
 * known list; inside an expanded instance, {@code count.index}, {@code each.key}/{@code each.value} and a dynamic
 * block's iterator; and references to resources, kept as references (with their instance key). Everything else
 * (other functions, conditionals, data sources, module outputs, computed attributes) is {@link Value.Unknown} with
 * the reason and the place: never guessed.
 */
public final class Evaluator {
    private final Configuration configuration;
    private final Map<String, Value> variables;
    private final Map<String, Attribute> locals;
    private final Set<String> evaluating = new HashSet<>();
    /** Names bound inside an instance: count, each, a dynamic block's iterator. */
    private final Map<String, Value> bindings;
    private final Evaluator module;

    /**
     * @param variables the values given for variables (tfvars, -var, module inputs), overriding their defaults
     */
    public Evaluator(Configuration configuration, Map<String, Value> variables) {
        this.configuration = configuration;
        this.bindings = Map.of();
        this.module = this;
        this.locals = new LinkedHashMap<>();
        for (Block block : configuration.ofType("locals")) {
            locals.putAll(block.attributes());
        }
        Map<String, Value> all = new LinkedHashMap<>();
        this.variables = all;
        for (Block variable : configuration.ofType("variable")) {
            String name = variable.label(0);
            all.put(name, variable.attribute("default").map(d -> evaluate(d.expr(), d.origin()))
                    .orElse(new Value.Unknown("variable " + name + " has no default and no -var, -var-file, tfvars or TF_VAR_"
                            + name + " value", variable.origin())));
        }
        all.putAll(variables);
    }

    private Evaluator(Evaluator parent, Map<String, Value> bindings) {
        this.configuration = parent.configuration;
        this.variables = parent.variables;
        this.locals = parent.locals;
        this.bindings = bindings;
        this.module = parent.module;
    }

    /** This evaluator with a name bound ({@code count}, {@code each}, a dynamic block's iterator), for one instance. */
    public Evaluator with(String name, Value value) {
        Map<String, Value> bound = new LinkedHashMap<>(bindings);
        bound.put(name, value);
        return new Evaluator(this, bound);
    }

    /** The module this evaluator belongs to: the same for every instance of its resources. */
    public Evaluator module() {
        return module;
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
            case Expr.Ref ref -> traverse(ref.parts().stream().map(p -> (Step) new Step.Name(p)).toList(), ref.path(), where);
            case Expr.Traversal traversal -> traverse(traversal.steps(), describe(traversal), where);
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
            case Expr.ToSet toSet -> toSet(evaluate(toSet.list(), where), where);
            case Expr.Opaque opaque -> new Value.Unknown(opaque.description() + " is not evaluated by the importer", where);
        };
    }

    /** A set of strings iterates in lexical order, once each (as Terraform's sets of strings do). */
    private static Value toSet(Value list, Origin where) {
        if (list instanceof Value.Unknown unknown) {
            return new Value.Unknown("toset() of an unknown value: " + unknown.why(), where);
        }
        if (!(list instanceof Value.Known known) || !(known.value() instanceof List<?>)) {
            return new Value.Unknown("toset() of something that is not a known list", where);
        }
        Set<String> strings = new TreeSet<>();
        for (Value item : list.items()) {
            Object key = item instanceof Value.Known k && !(k.value() instanceof List) && !(k.value() instanceof Map) ? k.value() : null;
            if (key == null) {
                return new Value.Unknown("toset() of a list whose items are not all known strings", where);
            }
            strings.add(key instanceof BigDecimal n ? n.stripTrailingZeros().toPlainString() : key.toString());
        }
        return new Value.Known(strings.stream().map(s -> (Value) new Value.Known(s)).toList());
    }

    private Value traverse(List<Step> steps, String text, Origin where) {
        if (steps.isEmpty() || !(steps.get(0) instanceof Step.Name first)) {
            return new Value.Unknown(text + " is not a reference the importer reads", where);
        }
        String head = first.name();
        if (bindings.containsKey(head)) {
            return walk(bindings.get(head), steps, 1, text, where);
        }
        if (steps.size() < 2) {
            return new Value.Unknown(text + " is only known inside its expression", where);
        }
        String second = steps.get(1) instanceof Step.Name name ? name.name() : null;
        if (second == null) {
            return new Value.Unknown(text + " is not a reference the importer reads", where);
        }
        return switch (head) {
            case "var" -> {
                Value value = variables.get(second);
                if (value == null) {
                    yield new Value.Unknown("var." + second + " is not declared", where);
                }
                yield value instanceof Value.Unknown unknown && steps.size() == 2
                        ? new Value.Unknown(unknown.why() + " (used as var." + second + ")", where) : walk(value, steps, 2, text, where);
            }
            case "local" -> local(second, steps, text, where);
            case "module" -> new Value.Unknown(text + " is an output of module " + second + ", not followed here", where);
            case "data" -> new Value.Unknown(text + " is read from a data source when Terraform runs", where);
            case "each", "count" -> new Value.Unknown(text + " is only known when Terraform runs: " + head
                    + (head.equals("each") ? " is bound only in a resource whose for_each is known" : ".index is bound only in a resource"
                    + " whose count is known"), where);
            case "path", "terraform", "self" -> new Value.Unknown(text + " is only known when Terraform runs", where);
            default -> resource(head, second, steps, text, where);
        };
    }

    /** {@code aws_x.name.attr} or {@code aws_x.name[KEY].attr}: a reference, with the instance key when it is known. */
    private Value resource(String type, String name, List<Step> steps, String text, Origin where) {
        int next = 2;
        Object key = null;
        if (steps.size() > 2 && steps.get(2) instanceof Step.Index index) {
            Value keyValue = evaluate(index.key(), where);
            if (!(keyValue instanceof Value.Known known) || Value.key(known.value()) == null) {
                return new Value.Unknown(text + ": the instance key is unknown" + (keyValue instanceof Value.Unknown u ? " (" + u.why() + ")" : ""),
                        where);
            }
            key = Value.key(known.value());
            next = 3;
        }
        List<String> attribute = new ArrayList<>();
        for (Step step : steps.subList(next, steps.size())) {
            if (!(step instanceof Step.Name attr)) {
                return new Value.Unknown(text + " indexes an attribute computed when Terraform runs", where);
            }
            attribute.add(attr.name());
        }
        return new Value.ResourceRef(type, name, String.join(".", attribute), key);
    }

    private Value local(String name, List<Step> steps, String text, Origin where) {
        Attribute local = locals.get(name);
        if (local == null) {
            return new Value.Unknown("local." + name + " is not declared", where);
        }
        if (!evaluating.add(name)) {
            return new Value.Unknown("local." + name + " refers to itself", local.origin());
        }
        try {
            return walk(evaluate(local.expr(), local.origin()), steps, 2, text, where);
        } finally {
            evaluating.remove(name);
        }
    }

    /** {@code var.settings.ttl}, {@code var.regions["east"]}, {@code var.ips[0]}: keys and indexes of a known value. */
    private Value walk(Value value, List<Step> steps, int from, String text, Origin where) {
        Value current = value;
        for (int i = from; i < steps.size(); i++) {
            if (current instanceof Value.Unknown unknown) {
                return unknown;
            }
            Step step = steps.get(i);
            Object key;
            if (step instanceof Step.Name name) {
                key = name.name();
            } else if (step instanceof Step.Index index) {
                Value keyValue = evaluate(index.key(), where);
                if (keyValue instanceof Value.Unknown unknown) {
                    return new Value.Unknown(text + ": its index is unknown (" + unknown.why() + ")", where);
                }
                key = keyValue instanceof Value.Known known ? Value.key(known.value()) : null;
                if (key == null) {
                    return new Value.Unknown(text + ": its index is not a known string or number", where);
                }
            } else {
                return new Value.Unknown(text + ": a splat expression is not evaluated by the importer", where);
            }
            if (current instanceof Value.Known known && known.value() instanceof List<?> && key instanceof Integer position) {
                List<Value> items = current.items();
                if (position < 0 || position >= items.size()) {
                    return new Value.Unknown(text + ": index " + position + " is outside a known list of " + items.size(), where);
                }
                current = items.get(position);
                continue;
            }
            Map<String, Value> entries = current.entries();
            if (!entries.containsKey(key.toString())) {
                return new Value.Unknown(text + ": no key " + key + " in a known value", where);
            }
            current = entries.get(key.toString());
        }
        return current;
    }

    private Value template(Expr.Template template, Origin where) {
        StringBuilder out = new StringBuilder();
        for (Expr part : template.parts()) {
            Value value = evaluate(part, where);
            if (value instanceof Value.Known known && (known.value() instanceof String || known.value() instanceof BigDecimal
                    || known.value() instanceof Boolean || known.value() instanceof Integer)) {
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

    /** A traversal as written: {@code var.regions["east"]}. */
    static String describe(Expr.Traversal traversal) {
        StringBuilder out = new StringBuilder();
        for (Step step : traversal.steps()) {
            switch (step) {
                case Step.Name name -> out.append(out.isEmpty() ? "" : ".").append(name.name());
                case Step.Index index -> out.append(index.key() instanceof Expr.Literal literal ? Value.indexSuffix(Value.key(literal.value()))
                        : index.key() instanceof Expr.Ref ref ? "[" + ref.path() + "]" : "[...]");
                case Step.Splat splat -> out.append("[*]");
            }
        }
        return out.toString();
    }
}
