package io.neotool.gitops.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the config schema says beside the shapes, each from one source: the description of a key
 * from its {@code @JsonPropertyDescription} on the config type (victools reads it); its default
 * from the type itself (the value its record takes when the key is left out); its example from the
 * test fixtures, which are real configs.
 */
final class SchemaDocs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final tools.jackson.databind.json.JsonMapper CONFIG_JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private SchemaDocs() {}

    /**
     * The description of a component's shared key (enabled, image, chartVersion, ...), declared
     * once on {@link ComponentSettings} and its sub-interfaces; null for any other key, whose
     * description is on its own record.
     */
    static @Nullable String sharedDescription(FieldScope field) {
        Class<?> type = field.getDeclaringType().getErasedType();
        if (!ComponentSettings.class.isAssignableFrom(type)) {
            return null;
        }
        for (Class<?> contract :
                List.of(
                        ComponentSettings.class,
                        ComponentSettings.Chart.class,
                        ComponentSettings.Storage.class,
                        ComponentSettings.Exported.class)) {
            if (!contract.isAssignableFrom(type)) {
                continue;
            }
            try {
                com.fasterxml.jackson.annotation.JsonPropertyDescription description =
                        contract.getMethod(field.getName())
                                .getAnnotation(
                                        com.fasterxml.jackson.annotation.JsonPropertyDescription
                                                .class);
                if (description != null) {
                    return description.value();
                }
            } catch (NoSuchMethodException e) {
                // not a shared key of this contract
            }
        }
        return null;
    }

    /**
     * The value a record component takes when the key is left out: the record built with every
     * component absent (its compact constructor fills the defaults), or {@code isEnabled()} for an
     * {@code enabled} switch; null when there is none (or the record cannot be built so).
     */
    static @Nullable Object defaultOf(FieldScope field) {
        Class<?> type = field.getDeclaringType().getErasedType();
        if (!type.isRecord() || field.isFakeContainerItemScope()) {
            return null;
        }
        Object empty = empty(type);
        if (empty == null) {
            return null;
        }
        try {
            String name = field.getName();
            Object value = type.getMethod(name).invoke(empty);
            if (value == null && name.equals("enabled")) {
                Method enabled = type.getMethod("isEnabled");
                value = enabled.invoke(empty);
            }
            if (value == null
                    || (value instanceof Collection<?> c && c.isEmpty())
                    || (value instanceof Map<?, ?> m && m.isEmpty())) {
                return null;
            }
            // the value as the config writes it (enums by their YAML names, records as maps)
            return JSON.readTree(CONFIG_JSON.writeValueAsString(value));
        } catch (ReflectiveOperationException | java.io.IOException e) {
            return null;
        }
    }

    private static @Nullable Object empty(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            if (types[i].isPrimitive()) {
                return null;
            }
        }
        try {
            Constructor<?> canonical = record.getDeclaredConstructor(types);
            return canonical.newInstance(new Object[components.length]);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Adds to each property of {@code schema} the first value the fixture configs give it, as its
     * example (where the property has none yet).
     */
    static void addExamples(ObjectNode schema, List<Path> fixtures) {
        tools.jackson.dataformat.yaml.YAMLMapper yaml =
                new tools.jackson.dataformat.yaml.YAMLMapper();
        for (Path fixture : fixtures) {
            try {
                JsonNode config =
                        JSON.readTree(
                                CONFIG_JSON.writeValueAsString(yaml.readTree(fixture.toFile())));
                examples(schema, schema, config);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read the fixture " + fixture, e);
            }
        }
    }

    private static void examples(ObjectNode root, JsonNode schema, JsonNode value) {
        schema = resolve(root, schema);
        if (value.isObject() && schema.has("properties")) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode property = schema.path("properties").path(field.getKey());
                if (!(property instanceof ObjectNode node)) {
                    continue;
                }
                // scalars and lists of them; a map's example is the examples of its keys
                if (!node.has("examples") && plain(field.getValue())) {
                    node.set("examples", JSON.createArrayNode().add(field.getValue()));
                }
                examples(root, node, field.getValue());
            }
        } else if (value.isArray() && schema.has("items")) {
            for (JsonNode item : value) {
                examples(root, schema.get("items"), item);
            }
        } else if (value.isObject() && schema.path("additionalProperties").isObject()) {
            for (JsonNode item : value) {
                examples(root, schema.get("additionalProperties"), item);
            }
        }
    }

    private static boolean plain(JsonNode value) {
        if (value.isValueNode()) {
            return !value.isNull();
        }
        if (!value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    /** The definition a {@code $ref} (its own or an {@code allOf} member's) points at. */
    static JsonNode resolve(ObjectNode root, JsonNode schema) {
        JsonNode ref = attribute(schema, "$ref");
        return ref.isTextual() ? root.at(ref.asText().substring(1)) : schema;
    }

    /** Every property of the schema, as {@code definition.key}, that has no description. */
    static List<String> undescribed(ObjectNode root) {
        List<String> missing = new ArrayList<>();
        collect("(root)", root, missing);
        root.path("definitions")
                .properties()
                .forEach(d -> collect(d.getKey(), d.getValue(), missing));
        return missing;
    }

    private static void collect(String name, JsonNode definition, List<String> missing) {
        definition
                .path("properties")
                .properties()
                .forEach(
                        p -> {
                            if (attribute(p.getValue(), "description").asText().isBlank()) {
                                missing.add(name + "." + p.getKey());
                            }
                        });
    }

    /**
     * An attribute of a property: its own, or one of its {@code allOf} members' (where victools
     * puts what it says beside a {@code $ref}).
     */
    static JsonNode attribute(JsonNode property, String name) {
        if (property.has(name)) {
            return property.get(name);
        }
        for (JsonNode member : property.path("allOf")) {
            if (member.has(name)) {
                return member.get(name);
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
