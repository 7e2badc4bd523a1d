package io.neotool.gitops.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Finds every unknown key of a config in one pass, by walking the YAML tree beside the record types
 * it binds to, so that a file with three typos gets three located errors, each with the closest
 * known key. It also refuses explicit nulls; other values are checked by binding and {@link ConfigValidator}.
 */
final class KeyChecker {
    private final SourceMap map;
    private final List<ConfigProblem> problems;

    KeyChecker(SourceMap map, List<ConfigProblem> problems) {
        this.map = map;
        this.problems = problems;
    }

    void check(JsonNode node, Type type, String path) {
        if (node.isNull() && !path.isEmpty()) {
            // "key: ~" is a mistake, not a default: absent keys take their defaults.
            problems.add(map.problem(path, "a value is required here, got null",
                    "give a value, or remove the key to use its default"));
            return;
        }
        Class<?> raw = raw(type);
        if (raw != null && raw.isRecord() && node.isObject()) {
            RecordComponent[] components = raw.getRecordComponents();
            List<String> known = Arrays.stream(components).map(RecordComponent::getName).sorted().toList();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                String child = path.isEmpty() ? key : path + "." + key;
                RecordComponent component = Arrays.stream(components).filter(c -> c.getName().equals(key)).findFirst().orElse(null);
                if (component == null) {
                    String closest = Suggestions.closest(key, known);
                    problems.add(map.problem(child, "unknown key '" + key + "'",
                            closest != null ? "did you mean '" + closest + "'?" : "known keys: " + String.join(", ", known)));
                } else {
                    check(field.getValue(), component.getGenericType(), child);
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

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }
}
