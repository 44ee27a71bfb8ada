package io.pilotlight.terraform.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An HCL expression as written, before evaluation: only what the importer can evaluate has its own shape. */
public sealed interface Expr {
    /** A string, number ({@link java.math.BigDecimal}), boolean, or null. */
    record Literal(Object value) implements Expr {
    }

    /** A traversal such as {@code var.zone_id}, {@code local.ttl} or {@code aws_route53_health_check.primary.id}. */
    record Ref(String path) implements Expr {
        public List<String> parts() {
            return List.of(path.split("\\."));
        }
    }

    /**
     * A traversal with an index: {@code var.regions["east"]}, {@code aws_instance.x[0].id},
     * {@code aws_route53_health_check.api[each.key].id}.
     */
    record Traversal(List<Step> steps) implements Expr {
        public Traversal {
            steps = List.copyOf(steps);
        }

        /** A reference as {@code terraform show -json} writes it: {@code aws_route53_health_check.api["east"].id}. */
        public static Expr parse(String reference) {
            List<Step> steps = new ArrayList<>();
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < reference.length(); i++) {
                char c = reference.charAt(i);
                if (c == '.' || c == '[') {
                    if (!name.isEmpty()) {
                        steps.add(new Step.Name(name.toString()));
                        name.setLength(0);
                    }
                    if (c == '[') {
                        int end = reference.indexOf(']', i);
                        if (end < 0) {
                            return new Ref(reference);
                        }
                        String key = reference.substring(i + 1, end);
                        steps.add(key.startsWith("\"") && key.endsWith("\"") && key.length() >= 2
                                ? new Step.Index(new Literal(key.substring(1, key.length() - 1)))
                                : key.matches("\\d+") ? new Step.Index(new Literal(new BigDecimal(key))) : new Step.Splat());
                        i = end;
                    }
                } else {
                    name.append(c);
                }
            }
            if (!name.isEmpty()) {
                steps.add(new Step.Name(name.toString()));
            }
            return steps.stream().allMatch(Step.Name.class::isInstance)
                    ? new Ref(String.join(".", steps.stream().map(s -> ((Step.Name) s).name()).toList())) : new Traversal(steps);
        }
    }

    /** One step of a {@link Traversal}. */
    sealed interface Step {
        record Name(String name) implements Step {
        }

        record Index(Expr key) implements Step {
        }

        /** {@code [*]}: never evaluated. */
        record Splat() implements Step {
        }
    }

    /** A string with interpolations: {@code "api.${var.domain}"}. */
    record Template(List<Expr> parts) implements Expr {
    }

    record ListOf(List<Expr> items) implements Expr {
    }

    record MapOf(Map<String, Expr> entries) implements Expr {
    }

    /** {@code toset(LIST)}: the one function the importer evaluates (for_each over a set of strings). */
    record ToSet(Expr list) implements Expr {
    }

    /** Anything else (a function call, a conditional, arithmetic, a for expression): never evaluated, never guessed. */
    record Opaque(String description) implements Expr {
    }
}
