package io.neotool.gitops.config.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.InfrastructureConfig;
import io.neotool.gitops.config.SettingsKey;
import io.neotool.gitops.config.SourceMap;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Finds every unknown key of a config in one pass, by walking the YAML tree beside the record types
 * it binds to, so that a file with three typos gets three located errors, each with the closest
 * known key; the same walk reports every explicit null, missing required key and value of the wrong
 * type. What the values mean is checked afterwards by {@link ConfigValidator}.
 */
final class KeyChecker {
    private final SourceMap map;
    private final List<ConfigProblem> problems;
    private final Map<String, Class<?>> infrastructure = new java.util.LinkedHashMap<>();

    KeyChecker(SourceMap map, List<ConfigProblem> problems, List<SettingsKey<?>> settings) {
        this.map = map;
        this.problems = problems;
        settings.forEach(s -> infrastructure.put(s.key(), s.type()));
    }

    void check(JsonNode node, Type type, String path) {
        if (node.isNull() && !path.isEmpty()) {
            // "key: ~" is a mistake, not a default: absent keys take their defaults.
            problems.add(
                    map.problem(
                            path,
                            "a value is required here, got null",
                            "give a value, or remove the key to use its default"));
            return;
        }
        Class<?> raw = raw(type);
        String expected = expected(raw, node);
        if (expected != null) {
            problems.add(
                    map.problem(
                            path, "expected " + expected + ", got " + kind(node), hint(raw, node)));
            return;
        }
        if (raw != null && raw.isEnum()) {
            List<String> allowed = enumNames(raw);
            if (!allowed.contains(node.asString())) {
                problems.add(
                        map.problem(
                                path,
                                "'" + node.asString() + "' is not an allowed value",
                                "one of: " + String.join(", ", allowed)));
            }
            return;
        }
        if (raw == InfrastructureConfig.class && node.isObject()) {
            List<String> known = infrastructure.keySet().stream().sorted().toList();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = path + "." + field.getKey();
                Class<?> settings = infrastructure.get(field.getKey());
                if (settings == null) {
                    unknown(child, field.getKey(), known);
                } else {
                    check(field.getValue(), settings, child);
                }
            }
        } else if (raw != null && raw.isRecord() && node.isObject()) {
            Shape shape = SHAPES.get(raw);
            for (String key : shape.required()) {
                if (!node.has(key)) {
                    Map<String, int[]> siblings = map.childKeys(path);
                    siblings.remove(key);
                    String typo = Suggestions.closest(key, siblings.keySet());
                    if (typo == null || shape.known().contains(typo)) {
                        problems.add(
                                map.problem(
                                        path.isEmpty() ? key : path + "." + key,
                                        "missing required key '" + key + "'",
                                        "add '" + key + ":' here"));
                    }
                }
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                String child = path.isEmpty() ? key : path + "." + key;
                Type component = shape.types().get(key);
                if (component == null) {
                    unknown(child, key, shape.known());
                } else {
                    check(field.getValue(), component, child);
                }
            }
        } else if (raw != null && List.class.isAssignableFrom(raw) && node.isArray()) {
            Type item = argument(type, 0);
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), item, path + "[" + i + "]");
            }
        } else if (raw != null && Map.class.isAssignableFrom(raw) && node.isObject()) {
            Type value = argument(type, 1);
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                check(field.getValue(), value, path + "." + field.getKey());
            }
        }
    }

    /** A record's keys, read once per type (reflection is slow, and a config has thousands). */
    private record Shape(List<String> known, List<String> required, Map<String, Type> types) {
        static Shape of(Class<?> record) {
            RecordComponent[] components = record.getRecordComponents();
            List<String> required = new java.util.ArrayList<>();
            Map<String, Type> types = new java.util.HashMap<>();
            for (RecordComponent component : components) {
                JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
                if (property != null && property.required()) {
                    required.add(component.getName());
                }
                types.put(component.getName(), component.getGenericType());
            }
            List<String> known =
                    Arrays.stream(components).map(RecordComponent::getName).sorted().toList();
            return new Shape(known, List.copyOf(required), Map.copyOf(types));
        }
    }

    private static final ClassValue<Shape> SHAPES =
            new ClassValue<>() {
                @Override
                protected Shape computeValue(Class<?> type) {
                    return Shape.of(type);
                }
            };

    private void unknown(String path, String key, List<String> known) {
        String closest = Suggestions.closest(key, known);
        String moved = MovedKeys.newPlace(path);
        problems.add(
                map.problem(
                        path,
                        "unknown key '" + key + "'",
                        moved != null
                                ? "it moved to " + moved + ", with the component it belongs to"
                                : closest != null
                                        ? "did you mean '" + closest + "'?"
                                        : "known keys: " + String.join(", ", known)));
    }

    /**
     * What the type needs when the node does not fit it, or null when it fits (or is not checked).
     */
    private static @Nullable String expected(@Nullable Class<?> raw, JsonNode node) {
        if (raw == null) {
            return null;
        }
        if (raw == String.class || raw.isEnum()) {
            return node.isString() ? null : "a string";
        }
        if (raw == Integer.class || raw == int.class) {
            return node.isIntegralNumber() && node.canConvertToInt() ? null : "a whole number";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return node.isBoolean() ? null : "true or false";
        }
        if (List.class.isAssignableFrom(raw)) {
            return node.isArray() ? null : "a list";
        }
        if (Map.class.isAssignableFrom(raw)
                || raw.isRecord()
                || raw == InfrastructureConfig.class) {
            return node.isObject() ? null : "a map of keys";
        }
        return null;
    }

    private static String kind(JsonNode node) {
        if (node.isString()) {
            String text = node.asString();
            return "\""
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                            .replaceAll("\\p{Cntrl}", "?")
                    + "\"";
        }
        if (node.isNumber()) {
            return "the number " + node.asString();
        }
        if (node.isBoolean()) {
            return node.asString();
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a map";
        }
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static @Nullable String hint(@Nullable Class<?> raw, JsonNode node) {
        if (raw == String.class && (node.isNumber() || node.isBoolean())) {
            return "quote the value, e.g. \"1.33\": unquoted numbers and booleans are not strings";
        }
        if ((raw == Integer.class || raw == int.class) && node.isString()) {
            return "write the number without quotes";
        }
        return null;
    }

    /** The names an enum is written with in YAML: its {@code @JsonProperty} values. */
    static List<String> enumNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(
                        c -> {
                            String name = ((Enum<?>) c).name();
                            try {
                                JsonProperty property =
                                        type.getField(name).getAnnotation(JsonProperty.class);
                                return property != null && !property.value().isEmpty()
                                        ? property.value()
                                        : name.toLowerCase(Locale.ROOT);
                            } catch (NoSuchFieldException e) {
                                return name.toLowerCase(Locale.ROOT);
                            }
                        })
                .toList();
    }

    private static @Nullable Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p
                ? p.getActualTypeArguments()[index]
                : Object.class;
    }
}
