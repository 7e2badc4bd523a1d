package io.neotool.gitops.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import io.neotool.gitops.config.Credentials;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What a change does to the clusters, object by object: objects added, removed and changed per
 * cluster, each change as a field path with its old and new value; image and chart version changes
 * pulled out on top; values that look like secrets masked.
 */
public final class SemanticDiff {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    static final String MASK = "****";
    private static final Pattern VERSION_FIELD = Pattern.compile(
            ".*(/image|/newTag|/spec/chart/spec/version|/spec/ref/tag|/spec/values(/[^/]+)*/(image/)?tag)$");

    private SemanticDiff() {}

    public enum Status { ADDED, REMOVED, CHANGED }

    /** One field: {@code before} or {@code after} is null when the field is new or gone. */
    public record Change(String field, String before, String after) {}

    /** One object that differs. */
    public record ObjectDiff(String cluster, String object, String file, Status status, List<Change> changes) {}

    /** An image or chart version that moves. */
    /** An image or chart version that moves; {@code subject} names the image or chart when the field does not. */
    public record VersionChange(String cluster, String object, String field, String subject, String before, String after) {}

    public record Report(String base, List<ObjectDiff> objects, List<VersionChange> versions) {
        public boolean empty() {
            return objects.isEmpty();
        }

        public Map<String, List<ObjectDiff>> byCluster() {
            Map<String, List<ObjectDiff>> clusters = new TreeMap<>();
            objects.forEach(o -> clusters.computeIfAbsent(o.cluster(), c -> new ArrayList<>()).add(o));
            return clusters;
        }
    }

    /** Compares two trees given as path to YAML text. */
    public static Report compare(String base, SortedMap<String, String> before, SortedMap<String, String> after) {
        Map<String, Parsed> old = parse(before);
        Map<String, Parsed> now = parse(after);
        List<ObjectDiff> objects = new ArrayList<>();
        List<VersionChange> versions = new ArrayList<>();
        Set<String> keys = new TreeSet<>(old.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            Parsed o = old.get(key);
            Parsed n = now.get(key);
            Parsed any = n != null ? n : o;
            Map<String, String> fieldsBefore = o == null ? Map.of() : o.fields;
            Map<String, String> fieldsAfter = n == null ? Map.of() : n.fields;
            List<Change> changes = new ArrayList<>();
            Set<String> fields = new TreeSet<>(fieldsBefore.keySet());
            fields.addAll(fieldsAfter.keySet());
            for (String field : fields) {
                String b = fieldsBefore.get(field);
                String a = fieldsAfter.get(field);
                if (b == null ? a != null : !b.equals(a)) {
                    boolean hidden = (o != null && o.masked.contains(field)) || (n != null && n.masked.contains(field));
                    changes.add(hidden ? new Change(field, b == null ? null : MASK, a == null ? null : MASK + " (changed)") : new Change(field, b, a));
                    if (!hidden && VERSION_FIELD.matcher(field).matches() && b != null && a != null) {
                        versions.add(new VersionChange(any.cluster, any.object, field, subject(field, fieldsAfter, n != null ? n.fields : o.fields), b, a));
                    }
                }
            }
            if (changes.isEmpty()) {
                continue;
            }
            Status status = o == null ? Status.ADDED : n == null ? Status.REMOVED : Status.CHANGED;
            objects.add(new ObjectDiff(any.cluster, any.object, any.file, status, status == Status.CHANGED ? changes : List.of()));
        }
        return new Report(base, objects, versions);
    }

    /** What a version field versions: the image of a kustomize images entry, the chart of a HelmRelease. */
    private static String subject(String field, Map<String, String> after, Map<String, String> fields) {
        if (field.endsWith("/newTag")) {
            return fields.getOrDefault(field.substring(0, field.length() - "newTag".length()) + "name", "");
        }
        if (field.equals("/spec/chart/spec/version")) {
            return "chart " + fields.getOrDefault("/spec/chart/spec/chart", "");
        }
        if (field.endsWith("/tag")) {
            return fields.getOrDefault(field.substring(0, field.length() - "tag".length()) + "repository", "");
        }
        return "";
    }

    /** An object as flat fields; {@code masked} names the fields whose values must not be shown. */
    private record Parsed(String cluster, String object, String file, Map<String, String> fields, Set<String> masked) {}

    private static Map<String, Parsed> parse(SortedMap<String, String> files) {
        Map<String, Parsed> objects = new LinkedHashMap<>();
        ObjectReader reader = YAML.readerFor(JsonNode.class);
        files.forEach((path, text) -> {
            if (!path.endsWith(".yaml")) {
                return;
            }
            String cluster = cluster(path);
            try (var docs = reader.readValues(text)) {
                while (docs.hasNextValue()) {
                    JsonNode doc = (JsonNode) docs.nextValue();
                    if (doc == null || !doc.isObject()) {
                        continue;
                    }
                    String kind = doc.path("kind").asString("");
                    String object;
                    if (doc.path("apiVersion").asString("").startsWith("kustomize.config.k8s.io/")) {
                        object = "kustomization " + path.substring(0, path.lastIndexOf('/'));
                    } else {
                        String namespace = doc.at("/metadata/namespace").asString("");
                        object = kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + doc.at("/metadata/name").asString("");
                    }
                    Map<String, String> fields = new TreeMap<>();
                    Set<String> masked = new TreeSet<>();
                    flatten(doc, "", fields, masked, false);
                    objects.put(cluster + "|" + object, new Parsed(cluster, object, path, fields, masked));
                }
            } catch (JacksonException e) {
                objects.put(cluster + "|file " + path, new Parsed(cluster, "unreadable file " + path, path,
                        Map.of("", "not valid YAML: " + e.getOriginalMessage()), Set.of()));
            }
        });
        return objects;
    }

    /** The cluster a file belongs to: its folder under clusters/, infrastructure/ or apps/. */
    static String cluster(String path) {
        String[] parts = path.split("/");
        if (parts.length > 2 && parts[0].equals("apps") && parts[1].equals("base")) {
            return "all environments (apps/base)";
        }
        return parts.length > 2 ? parts[1] : parts[0];
    }

    private static void flatten(JsonNode node, String pointer, Map<String, String> out, Set<String> masked, boolean secret) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.put(pointer, "{}");
            }
            boolean namedSecret = node.has("name") && node.has("value") && Credentials.SECRET_NAME.matcher(node.path("name").asString("")).matches();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                boolean hide = secret || (namedSecret && key.equals("value"))
                        || (Credentials.SECRET_NAME.matcher(key).matches() && !key.startsWith("vault.hashicorp.com/") && field.getValue().isValueNode());
                flatten(field.getValue(), pointer + "/" + key.replace("~", "~0").replace("/", "~1"), out, masked, hide);
            }
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.put(pointer, "[]");
            }
            for (int i = 0; i < node.size(); i++) {
                flatten(node.get(i), pointer + "/" + i, out, masked, secret);
            }
        } else {
            String value = node.isNull() ? "null" : node.asString();
            out.put(pointer, value);
            if (secret || Credentials.LITERAL.matcher(value).find()) {
                masked.add(pointer);
            }
        }
    }
}
