package io.pilotlight.topology.load;

import io.pilotlight.topology.Durations;
import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Default;
import io.pilotlight.topology.spec.KeyPattern;
import io.pilotlight.topology.spec.Omittable;
import io.pilotlight.topology.spec.Seconds;
import io.pilotlight.topology.spec.WireNames;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Binds a YAML node tree onto the model records by reflection, recording every position and
 * collecting every problem instead of stopping at the first. A field that fails to bind becomes
 * {@code null} (or zero) so the rest of the file is still checked.
 */
final class YamlBinder {
    private static final Set<String> TRUE = Set.of("true", "True", "TRUE");
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE");

    private final SourceMap sources;
    private final List<Problem> problems;

    YamlBinder(SourceMap sources, List<Problem> problems) {
        this.sources = sources;
        this.problems = problems;
    }

    <T> T bindRoot(Node root, Class<T> type) {
        return type.cast(bind(root, type, "", null));
    }

    private Object bind(Node node, Type type, String path, RecordComponent component) {
        sources.record(path, positionOf(node), node instanceof ScalarNode s ? s.getValue() : null);
        Class<?> raw = FieldRules.raw(type);
        if (raw.isRecord()) {
            return bindRecord(node, raw, path);
        }
        if (raw == List.class) {
            return bindList(node, type, path, component);
        }
        if (raw == Map.class) {
            return bindMap(node, type, path, component);
        }
        if (!(node instanceof ScalarNode scalar)) {
            return fail(path, node, null, "expected " + FieldRules.allowed(type, component) + ", found a "
                    + (node instanceof MappingNode ? "mapping" : "list"));
        }
        return bindScalar(scalar, raw, path, component);
    }

    private Object bindRecord(Node node, Class<?> type, String path) {
        if (!(node instanceof MappingNode mapping)) {
            return fail(path, node, text(node), "expected " + FieldRules.allowed(type, null));
        }
        RecordComponent[] components = type.getRecordComponents();
        List<String> keys = FieldRules.keysOf(type);
        Map<String, Node> given = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyText(tuple.getKeyNode(), path);
            if (key == null) {
                continue;
            }
            String keyPath = Paths.key(path, key);
            if (!keys.contains(key)) {
                fail(keyPath, tuple.getKeyNode(), key, "unknown key \"" + key + "\"" + Suggestions.didYouMean(key, keys)
                        + "; allowed keys here: " + String.join(", ", keys));
            } else if (given.containsKey(key)) {
                fail(keyPath, tuple.getKeyNode(), key, "duplicate key \"" + key + "\"; each key may appear once");
            } else {
                given.put(key, tuple.getValueNode());
            }
        }
        Object[] arguments = new Object[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            parameterTypes[i] = component.getType();
            arguments[i] = bindComponent(mapping, given, component, path);
        }
        try {
            return type.getDeclaredConstructor(parameterTypes).newInstance(arguments);
        } catch (InvocationTargetException e) {
            return fail(path, node, null, String.valueOf(e.getCause().getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("model record " + type + " cannot be built", e);
        }
    }

    private Object bindComponent(MappingNode parent, Map<String, Node> given, RecordComponent component, String path) {
        String key = WireNames.ofField(component.getName());
        String childPath = Paths.key(path, key);
        Node value = given.get(key);
        Object bound = null;
        if (value != null && !isNull(value)) {
            bound = bind(value, component.getGenericType(), childPath, component);
        } else if (component.isAnnotationPresent(Default.class)) {
            ScalarNode defaultNode = new ScalarNode(Tag.STR, component.getAnnotation(Default.class).value(),
                    null, null, DumperOptions.ScalarStyle.PLAIN);
            bound = bindScalar(defaultNode, component.getType(), childPath, component);
        } else if (!component.isAnnotationPresent(Omittable.class)
                && component.getType() != List.class && component.getType() != Map.class) {
            Node at = value != null ? value : parent;
            fail(childPath, at, null, "missing required key \"" + key + "\"; expected "
                    + FieldRules.allowed(component.getGenericType(), component));
        }
        return bound == null ? zeroOf(component.getType()) : bound;
    }

    private Object bindList(Node node, Type type, String path, RecordComponent component) {
        if (!(node instanceof SequenceNode sequence)) {
            return fail(path, node, text(node), "expected a list (one \"- item\" per line, or [a, b])");
        }
        Type element = FieldRules.argument(type, 0);
        List<Object> out = new ArrayList<>();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            Object item = bind(items.get(i), element, Paths.index(path, i), component);
            if (item != null) {
                out.add(item);
            }
        }
        return Collections.unmodifiableList(out);
    }

    private Object bindMap(Node node, Type type, String path, RecordComponent component) {
        if (!(node instanceof MappingNode mapping)) {
            return fail(path, node, text(node), "expected a mapping of names to entries");
        }
        KeyPattern pattern = component == null ? null : component.getAnnotation(KeyPattern.class);
        Type valueType = FieldRules.argument(type, 1);
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyText(tuple.getKeyNode(), path);
            if (key == null) {
                continue;
            }
            String keyPath = Paths.key(path, key);
            if (out.containsKey(key)) {
                fail(keyPath, tuple.getKeyNode(), key, "duplicate name \"" + key + "\"; each name may appear once");
                continue;
            }
            if (pattern != null && !key.matches(pattern.regex())) {
                fail(keyPath, tuple.getKeyNode(), key, "\"" + key + "\" is not a valid name; allowed: " + pattern.description());
            }
            Object value = isNull(tuple.getValueNode())
                    ? fail(keyPath, tuple.getValueNode(), null, "no value; expected " + FieldRules.allowed(valueType, null))
                    : bind(tuple.getValueNode(), valueType, keyPath, scalarValues(valueType, component));
            out.put(key, value);
        }
        out.values().removeIf(java.util.Objects::isNull);
        return Collections.unmodifiableMap(out);
    }

    /** A map of scalars takes its values' bounds from the map's field ({@code @Bounds} on {@code Map<String, Integer>}). */
    static RecordComponent scalarValues(Type valueType, RecordComponent mapComponent) {
        Class<?> raw = FieldRules.raw(valueType);
        return raw.isRecord() || raw == Map.class || raw == List.class ? null : mapComponent;
    }

    private Object bindScalar(ScalarNode node, Class<?> raw, String path, RecordComponent component) {
        String text = node.getValue().trim();
        try {
            Object value = convert(text, raw, component);
            checkBounds(value, text, path, node, component);
            return value;
        } catch (IllegalArgumentException e) {
            return fail(path, node, text, e.getMessage());
        }
    }

    private Object convert(String text, Class<?> raw, RecordComponent component) {
        if (raw == String.class) {
            return text;
        }
        String allowed = FieldRules.allowed(raw, component);
        if (raw == int.class || raw == Integer.class) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not allowed; expected " + allowed);
            }
        }
        if (raw == double.class || raw == Double.class) {
            try {
                double parsed = Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
                if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                    throw new NumberFormatException();
                }
                return text.endsWith("%") ? parsed / 100.0 : parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not allowed; expected " + allowed);
            }
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (TRUE.contains(text)) {
                return true;
            }
            if (FALSE.contains(text)) {
                return false;
            }
            throw new IllegalArgumentException("\"" + text + "\" is not allowed; expected " + allowed);
        }
        if (raw == Duration.class) {
            return convertDuration(text, component);
        }
        if (raw.isEnum()) {
            return convertEnum(text, raw);
        }
        throw new IllegalStateException("unsupported model type " + raw);
    }

    private static Duration convertDuration(String text, RecordComponent component) {
        boolean bare = text.matches("^[0-9]+$");
        boolean seconds = component != null && component.isAnnotationPresent(Seconds.class);
        try {
            return bare && seconds ? Duration.ofSeconds(Long.parseLong(text)) : Durations.parse(text);
        } catch (IllegalArgumentException e) {
            if ((bare && seconds) || text.matches(Durations.REGEX)) { // well formed, but too long for a Duration
                throw new IllegalArgumentException("\"" + text + "\" is out of range; expected " + FieldRules.allowed(Duration.class, component));
            }
            String hint = bare ? "; a bare number needs a unit here, e.g. " + text + "s or " + text + "m" : "";
            throw new IllegalArgumentException("\"" + text + "\" is not allowed; expected "
                    + FieldRules.allowed(Duration.class, component) + hint);
        }
    }

    private static Object convertEnum(String text, Class<?> raw) {
        for (Object constant : raw.getEnumConstants()) {
            if (WireNames.of((Enum<?>) constant).equals(text)) {
                return constant;
            }
        }
        @SuppressWarnings("unchecked")
        List<String> names = WireNames.allOf((Class<? extends Enum<?>>) raw);
        throw new IllegalArgumentException("\"" + text + "\" is not allowed" + Suggestions.didYouMean(text, names)
                + "; expected one of " + String.join(", ", names));
    }

    private void checkBounds(Object value, String text, String path, Node node, RecordComponent component) {
        Bounds bounds = component == null ? null : component.getAnnotation(Bounds.class);
        if (bounds == null || value == null) {
            return;
        }
        boolean below = !bounds.min().isEmpty() && compare(value, bounds.min()) < 0;
        boolean above = !bounds.max().isEmpty() && compare(value, bounds.max()) > 0;
        if (below || above) {
            throw new IllegalArgumentException("\"" + text + "\" is out of range; expected "
                    + FieldRules.allowed(value.getClass(), component)); // the value's type: a map's bounds are its values'

        }
    }

    private static int compare(Object value, String bound) {
        if (value instanceof Duration d) {
            return d.compareTo(Durations.parse(bound));
        }
        return Double.compare(((Number) value).doubleValue(), Double.parseDouble(bound));
    }

    private String keyText(Node keyNode, String path) {
        if (keyNode instanceof ScalarNode scalar && !isNull(scalar)) {
            return scalar.getValue();
        }
        fail(path, keyNode, null, "keys must be plain names, not lists, mappings or empty");
        return null;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && (Tag.NULL.equals(s.getTag()) && (s.getValue().isEmpty()
                || s.getValue().equals("~") || s.getValue().equalsIgnoreCase("null")));
    }

    private static String text(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private Object fail(String path, Node node, String value, String message) {
        Position at = positionOf(node);
        if (at == Position.UNKNOWN) {
            at = sources.positionOf(path);
        }
        problems.add(new Problem(sources.file(), at.line(), at.column(), path, value, message));
        return null;
    }

    private static Position positionOf(Node node) {
        Mark mark = node == null ? null : node.getStartMark();
        return mark == null ? Position.UNKNOWN : new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static Object zeroOf(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == boolean.class) {
            return false;
        }
        return null;
    }

}
