package io.neotool.gitops.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The one YAML writer of the output. Objects become trees; every map is written with the keys
 * {@code apiVersion, kind, metadata, spec} first (where present), {@code name} first inside list
 * items, and all other keys sorted; strings are quoted only where YAML would misread them;
 * multi-line strings are literal blocks; LF line ends; a trailing newline.
 */
public final class CanonicalYaml {
    private static final List<String> FIRST =
            List.of("apiVersion", "kind", "metadata", "name", "namespace", "spec");

    private static final JsonMapper TREE =
            JsonMapper.builder()
                    .changeDefaultPropertyInclusion(
                            i ->
                                    i.withValueInclusion(JsonInclude.Include.NON_NULL)
                                            .withContentInclusion(JsonInclude.Include.NON_NULL))
                    .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                    .build();

    private static final YAMLMapper YAML =
            YAMLMapper.builder()
                    .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                    .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                    .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
                    .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .disable(YAMLWriteFeature.SPLIT_LINES)
                    .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build();

    private static final JsonMapper JSON =
            JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .build();

    private CanonicalYaml() {}

    /** The object as indented JSON, map keys sorted, LF line ends and a trailing newline. */
    public static String json(Object object) {
        return JSON.writeValueAsString(object).replace("\r\n", "\n") + "\n";
    }

    /** The object as canonical YAML text, without header. */
    public static String write(Object object) {
        // the tree reordered in place of a copy into maps and lists: the same text, written from
        // Jackson's own nodes
        JsonNode canonical = ordered(TREE.valueToTree(object));
        String text = YAML.writeValueAsString(canonical);
        return text.replace("\r\n", "\n");
    }

    /** The tree with each object's keys in canonical order ({@link #FIRST}, then sorted). */
    private static JsonNode ordered(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>(object.propertyNames());
            java.util.Collections.sort(keys);
            ObjectNode out = object.objectNode();
            for (String key : FIRST) {
                JsonNode value = object.get(key);
                if (value != null) {
                    out.set(key, ordered(value));
                }
            }
            for (String key : keys) {
                if (!FIRST.contains(key)) {
                    out.set(key, ordered(object.get(key)));
                }
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = array.arrayNode(array.size());
            array.forEach(item -> out.add(ordered(item)));
            return out;
        }
        if (node.isNumber() && !node.isIntegralNumber()) {
            return tools.jackson.databind.node.JsonNodeFactory.instance.numberNode(
                    node.decimalValue());
        }
        return node;
    }

    /**
     * The object as YAML to embed in another document (a kustomize patch): like {@link #write} but
     * with top-level list items at column 0, so the embedding block needs no indentation indicator.
     */
    public static String writeEmbedded(Object object) {
        String text = write(object);
        if (text.lines().allMatch(line -> line.isEmpty() || line.startsWith("  "))) {
            return text.lines()
                    .map(line -> line.isEmpty() ? line : line.substring(2))
                    .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        }
        return text;
    }

    /** The object as a plain tree of sorted maps, lists and scalars (for diffs and tests). */
    public static @Nullable Object tree(Object object) {
        return canonical(TREE.valueToTree(object));
    }

    private static @Nullable Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                sorted.put(field.getKey(), canonical(field.getValue()));
            }
            Map<String, Object> ordered = new LinkedHashMap<>();
            for (String key : FIRST) {
                if (sorted.containsKey(key)) {
                    ordered.put(key, sorted.remove(key));
                }
            }
            ordered.putAll(sorted);
            return ordered;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(canonical(item));
            }
            return items;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.numberValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asString();
    }
}
