package io.pilotlight.terraform.config;

import java.util.List;
import java.util.Optional;

/** Every top-level block of a Terraform configuration (all its .tf files), or of a plan/state file. */
public record Configuration(String source, List<Block> blocks) {
    public Configuration {
        blocks = List.copyOf(blocks);
    }

    public List<Block> ofType(String type) {
        return blocks.stream().filter(b -> b.type().equals(type)).toList();
    }

    public List<Block> resources() {
        return ofType("resource");
    }

    public List<Block> resources(String resourceType) {
        return resources().stream().filter(b -> b.label(0).equals(resourceType)).toList();
    }

    /** The resource {@code TYPE.NAME}, if this configuration declares it. */
    public Optional<Block> resource(String type, String name) {
        return resources().stream().filter(b -> b.label(0).equals(type) && b.label(1).equals(name)).findFirst();
    }
}
