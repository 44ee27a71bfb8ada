package io.pilotlight.terraform.config;

import io.pilotlight.terraform.Origin;

/** {@code name = expression}, with where it was written. */
public record Attribute(String name, Expr expr, Origin origin) {
}
