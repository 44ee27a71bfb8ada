package io.pilotlight.terraform.yaml;

import io.pilotlight.terraform.Origin;
import java.util.ArrayList;
import java.util.List;

/** A topology file under construction: maps, lists and scalars, each value with the Terraform line it came from. */
public sealed interface YamlNode {
    /**
     * @param text    the value as YAML will read it
     * @param literal written as is (numbers, booleans, durations); otherwise quoted when YAML would misread it
     */
    record Scalar(String text, boolean literal) implements YamlNode {
        public static Scalar of(String text) {
            return new Scalar(text, false);
        }

        public static Scalar raw(Object value) {
            return new Scalar(String.valueOf(value), true);
        }
    }

    /** A list of scalars is written in flow style on one line; a list of maps as a block. */
    record Sequence(List<YamlNode> items) implements YamlNode {
    }

    /** Entries in insertion order; each may carry its origin and a comment. */
    final class Mapping implements YamlNode {
        public record Entry(String key, YamlNode value, Origin origin, String comment) {
        }

        private final List<Entry> entries = new ArrayList<>();

        public Mapping put(String key, YamlNode value, Origin origin, String comment) {
            entries.removeIf(e -> e.key().equals(key));
            entries.add(new Entry(key, value, origin, comment));
            return this;
        }

        public Mapping put(String key, YamlNode value, Origin origin) {
            return put(key, value, origin, null);
        }

        public Mapping child(String key) {
            for (Entry entry : entries) {
                if (entry.key().equals(key) && entry.value() instanceof Mapping mapping) {
                    return mapping;
                }
            }
            Mapping created = new Mapping();
            put(key, created, null, null);
            return created;
        }

        public boolean has(String key) {
            return entries.stream().anyMatch(e -> e.key().equals(key));
        }

        public boolean isEmpty() {
            return entries.isEmpty();
        }

        public List<Entry> entries() {
            return List.copyOf(entries);
        }

        public YamlNode get(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).findFirst().orElse(null);
        }
    }
}
