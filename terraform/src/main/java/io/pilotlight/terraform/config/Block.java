package io.pilotlight.terraform.config;

import io.pilotlight.terraform.Origin;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HCL block ({@code resource "aws_route53_record" "primary" { ... }}, or a nested {@code alias { ... }}),
 * or one resource of a {@code terraform show -json} file in the same shape.
 *
 * @param type       resource, variable, locals, provider, module, data, or a nested block's name
 * @param labels     the block's labels, e.g. [aws_route53_record, primary]
 * @param attributes in the order written
 */
public record Block(String type, List<String> labels, Map<String, Attribute> attributes, List<Block> blocks, Origin origin) {
    public Block {
        labels = List.copyOf(labels);
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        blocks = List.copyOf(blocks);
    }

    public Optional<Attribute> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public List<Block> blocks(String name) {
        return blocks.stream().filter(b -> b.type().equals(name)).toList();
    }

    public Optional<Block> block(String name) {
        return blocks(name).stream().findFirst();
    }

    public String label(int index) {
        return index < labels.size() ? labels.get(index) : "";
    }

    /** The position of an attribute, or of this block when the attribute is not written. */
    public Origin originOf(String attribute) {
        return attribute(attribute).map(Attribute::origin).orElse(origin);
    }
}
