package io.pilotlight.topology.schema;

import io.pilotlight.topology.Topology;
import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Default;
import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;
import io.pilotlight.topology.spec.Seconds;
import io.pilotlight.topology.spec.WireNames;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Generates the field-by-field Markdown reference of the topology file from the model records. */
public final class ReferenceGenerator {
    private ReferenceGenerator() {
    }

    public static String generate() {
        StringBuilder out = new StringBuilder("# Topology file reference\n\n"
                + "Generated from the model by `pilotlight schema --format markdown`; do not edit by hand.\n"
                + "Durations are written `500ms`, `90s`, `15m`, `4h`, `1d` or sums such as `1h30m`.\n");
        Set<Class<?>> done = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(Topology.class));
        while (!todo.isEmpty()) {
            Class<?> type = todo.removeFirst();
            if (!done.add(type)) {
                continue;
            }
            out.append("\n## ").append(type == Topology.class ? "Top level" : type.getSimpleName()).append("\n\n");
            Doc doc = type.getAnnotation(Doc.class);
            if (doc != null) {
                out.append(doc.value()).append("\n\n");
            }
            out.append("| Key | Accepts | Default | Meaning |\n|---|---|---|---|\n");
            for (RecordComponent component : type.getRecordComponents()) {
                out.append("| `").append(WireNames.ofField(component.getName())).append("` | ")
                        .append(accepts(component.getGenericType(), component, todo)).append(" | ")
                        .append(defaultOf(component)).append(" | ")
                        .append(component.isAnnotationPresent(Doc.class) ? component.getAnnotation(Doc.class).value() : "")
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    private static String defaultOf(RecordComponent component) {
        if (component.isAnnotationPresent(Default.class)) {
            return "`" + component.getAnnotation(Default.class).value() + "`";
        }
        boolean optional = component.isAnnotationPresent(Omittable.class) || component.getType() == List.class
                || component.getType() == Map.class;
        return optional ? "optional" : "**required**";
    }

    private static String accepts(Type type, RecordComponent component, Deque<Class<?>> todo) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        Bounds bounds = component == null ? null : component.getAnnotation(Bounds.class);
        String range = bounds == null ? "" : " " + (bounds.min().isEmpty() ? "" : bounds.min()) + ".." + (bounds.max().isEmpty() ? "" : bounds.max());
        if (raw == List.class) {
            return "list of " + accepts(((ParameterizedType) type).getActualTypeArguments()[0], null, todo);
        }
        if (raw == Map.class) {
            Type values = ((ParameterizedType) type).getActualTypeArguments()[1];
            return "map of name to " + accepts(values, SchemaGenerator.scalarValues(values, component), todo);
        }
        if (raw.isRecord()) {
            todo.addLast(raw);
            return "[" + raw.getSimpleName() + "](#" + raw.getSimpleName().toLowerCase(java.util.Locale.ROOT) + ")";
        }
        if (raw.isEnum()) {
            @SuppressWarnings("unchecked")
            Class<? extends Enum<?>> enumType = (Class<? extends Enum<?>>) raw;
            return String.join(", ", WireNames.allOf(enumType).stream().map(v -> "`" + v + "`").toList());
        }
        if (raw == Duration.class) {
            return "duration" + (component != null && component.isAnnotationPresent(Seconds.class) ? " (or bare seconds)" : "") + range;
        }
        if (raw == int.class || raw == Integer.class) {
            return "integer" + range;
        }
        if (raw == double.class || raw == Double.class) {
            return "number" + range;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "`true`, `false`";
        }
        return "text";
    }

}
