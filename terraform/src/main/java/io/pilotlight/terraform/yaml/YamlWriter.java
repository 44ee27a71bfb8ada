package io.pilotlight.terraform.yaml;

import io.pilotlight.terraform.Origin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Writes a {@link YamlNode.Mapping} as block YAML with a {@code # file:line} comment on every value that has one. */
public final class YamlWriter {
    private static final Pattern PLAIN = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_./-]*$");
    private static final Pattern LOOKS_NUMERIC = Pattern.compile("^[-+]?[0-9][0-9_.eE+-]*$");
    private static final List<String> RESERVED = List.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");

    private final StringBuilder out = new StringBuilder();
    private final Map<Integer, Origin> lineOrigins = new LinkedHashMap<>();
    private int line;

    /** The text, and for each line (1-based) the origin written on it. */
    public record Written(String text, Map<Integer, Origin> lineOrigins) {
    }

    public static Written write(List<String> header, YamlNode.Mapping root) {
        YamlWriter writer = new YamlWriter();
        header.forEach(h -> writer.emit("# " + h, null, null));
        writer.mapping(root, "");
        return new Written(writer.out.toString(), writer.lineOrigins);
    }

    private void mapping(YamlNode.Mapping mapping, String indent) {
        for (YamlNode.Mapping.Entry entry : mapping.entries()) {
            entry(indent, key(entry.key()) + ":", entry);
        }
    }

    private void entry(String indent, String prefix, YamlNode.Mapping.Entry entry) {
        YamlNode value = entry.value();
        if (value instanceof YamlNode.Scalar scalar) {
            emit(indent + prefix + " " + scalar(scalar), entry.origin(), entry.comment());
        } else if (value instanceof YamlNode.Sequence sequence && sequence.items().stream().allMatch(i -> i instanceof YamlNode.Scalar)) {
            StringBuilder flow = new StringBuilder("[");
            for (int i = 0; i < sequence.items().size(); i++) {
                flow.append(i == 0 ? "" : ", ").append(scalar((YamlNode.Scalar) sequence.items().get(i)));
            }
            emit(indent + prefix + " " + flow.append("]"), entry.origin(), entry.comment());
        } else if (value instanceof YamlNode.Sequence sequence) {
            emit(indent + prefix, entry.origin(), entry.comment());
            for (YamlNode item : sequence.items()) {
                listItem(indent + "  ", (YamlNode.Mapping) item);
            }
        } else if (value instanceof YamlNode.Mapping nested && nested.isEmpty()) {
            emit(indent + prefix + " {}", entry.origin(), entry.comment());
        } else if (value instanceof YamlNode.Mapping nested) {
            emit(indent + prefix, entry.origin(), entry.comment());
            mapping(nested, indent + "  ");
        }
    }

    private void listItem(String indent, YamlNode.Mapping item) {
        boolean first = true;
        for (YamlNode.Mapping.Entry entry : item.entries()) {
            entry(first ? indent + "- " : indent + "  ", key(entry.key()) + ":", entry);
            first = false;
        }
    }

    private void emit(String text, Origin origin, String comment) {
        line++;
        StringBuilder full = new StringBuilder(text);
        String note = origin == null ? comment : comment == null ? origin.toString() : origin + " " + comment;
        if (note != null && !note.isBlank()) {
            full.append("  # ").append(note.replace('\n', ' '));
        }
        if (origin != null) {
            lineOrigins.put(line, origin);
        }
        out.append(full).append('\n');
    }

    private static String key(String key) {
        return PLAIN.matcher(key).matches() && !RESERVED.contains(key.toLowerCase(java.util.Locale.ROOT)) ? key : quote(key);
    }

    private static String scalar(YamlNode.Scalar scalar) {
        if (scalar.literal()) {
            return scalar.text();
        }
        String text = scalar.text();
        boolean plain = PLAIN.matcher(text).matches() && !LOOKS_NUMERIC.matcher(text).matches()
                && !RESERVED.contains(text.toLowerCase(java.util.Locale.ROOT));
        return plain ? text : quote(text);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
