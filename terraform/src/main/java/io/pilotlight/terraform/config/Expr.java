package io.pilotlight.terraform.config;

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

    /** A string with interpolations: {@code "api.${var.domain}"}. */
    record Template(List<Expr> parts) implements Expr {
    }

    record ListOf(List<Expr> items) implements Expr {
    }

    record MapOf(Map<String, Expr> entries) implements Expr {
    }

    /** Anything else (a function call, a conditional, arithmetic, a for expression): never evaluated, never guessed. */
    record Opaque(String description) implements Expr {
    }
}
