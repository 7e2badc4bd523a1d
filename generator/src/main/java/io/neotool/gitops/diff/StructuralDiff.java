package io.neotool.gitops.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import io.neotool.gitops.config.Credentials;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Compares two Kubernetes objects field by field, the way a reviewer reads them. List entries are
 * matched by identity, not position: by their merge key (the {@code name} of containers, env,
 * ports, volumes, volume mounts, images, dependsOn entries; the {@code containerPort} or {@code
 * port} of unnamed ports; the {@code metadata.name} of volume claim templates), shown as {@code
 * containers[name=web]}. Lists without a key (NetworkPolicy rules, args) are compared as sequences
 * with a minimal edit script, so an inserted entry shows as one insertion. Multi-line text
 * (ConfigMap data, scripts, ini files) is shown as a unified line diff. Secrets are masked: values
 * under secret-looking keys or env names, and credential literals, also line by line in text.
 */
final class StructuralDiff {

    private final List<Change> out = new ArrayList<>();

    private StructuralDiff() {}

    /**
     * The changes from {@code before} to {@code after} (either may be missing), in document order.
     */
    static List<Change> compare(JsonNode before, JsonNode after) {
        StructuralDiff diff = new StructuralDiff();
        diff.node("", null, before, after, false);
        return diff.out;
    }

    private void node(
            String path,
            @Nullable String key,
            @Nullable JsonNode before,
            @Nullable JsonNode after,
            boolean secret) {
        boolean hidden = secret || (key != null && SecretMasking.secretKey(key));
        if (missing(before) && missing(after)) {
            return;
        }
        if (before == null || after == null || missing(before) || missing(after)) {
            JsonNode present = missing(before) ? after : before;
            String shown = show(present, hidden);
            out.add(
                    missing(before)
                            ? new Change(path, null, shown)
                            : new Change(path, shown, null));
            return;
        }
        if (before.isObject() && after.isObject()) {
            boolean namedSecret =
                    SecretMasking.namedSecret(before) || SecretMasking.namedSecret(after);
            Set<String> keys = new TreeSet<>();
            before.propertyNames().forEach(keys::add);
            after.propertyNames().forEach(keys::add);
            for (String k : keys) {
                boolean hideValue = hidden || (namedSecret && k.equals("value"));
                node(path + "/" + escape(k), k, before.get(k), after.get(k), hideValue);
            }
            return;
        }
        if (before.isArray() && after.isArray()) {
            array(path, before, after, hidden);
            return;
        }
        if (before.equals(after)) {
            return;
        }
        String b = scalar(before);
        String a = scalar(after);
        if (!hidden
                && before.isString()
                && after.isString()
                && (b.contains("\n") || a.contains("\n"))) {
            out.add(new Change(path, null, null, SecretMasking.textDiff(b, a)));
            return;
        }
        if (hidden || Credentials.hasLiteral(b) || Credentials.hasLiteral(a)) {
            out.add(new Change(path, SecretMasking.MASK, SecretMasking.MASK + " (changed)"));
            return;
        }
        out.add(new Change(path, b, a));
    }

    private void array(String path, JsonNode before, JsonNode after, boolean hidden) {
        String key = mergeKey(path, before, after);
        if (key != null) {
            Map<String, JsonNode> old = keyed(before, key);
            Map<String, JsonNode> now = keyed(after, key);
            List<String> order = new ArrayList<>(now.keySet());
            old.keySet().stream().filter(k -> !now.containsKey(k)).forEach(order::add);
            String label = key.equals("metadata/name") ? "name" : key;
            for (String id : order) {
                node(path + "[" + label + "=" + id + "]", null, old.get(id), now.get(id), hidden);
            }
            return;
        }
        List<String> a = canonical(before);
        List<String> b = canonical(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int source = delta.getSource().getPosition();
            int target = delta.getTarget().getPosition();
            int removed = delta.getSource().size();
            int added = delta.getTarget().size();
            int paired =
                    switch (delta.getType()) {
                        case CHANGE -> Math.min(removed, added);
                        default -> 0;
                    };
            for (int i = 0; i < paired; i++) {
                node(
                        path + "/" + (target + i),
                        null,
                        before.get(source + i),
                        after.get(target + i),
                        hidden);
            }
            for (int i = paired; i < removed; i++) {
                out.add(
                        new Change(
                                path + "/" + (source + i) + " (removed)",
                                show(before.get(source + i), hidden),
                                null));
            }
            for (int i = paired; i < added; i++) {
                out.add(
                        new Change(
                                path + "/" + (target + i) + " (added)",
                                null,
                                show(after.get(target + i), hidden)));
            }
        }
    }

    /**
     * The key list entries are matched by, as a SecretMasking.JSON pointer below the entry, or null
     * for a list compared as a sequence: {@code name} where every entry has a distinct one (the
     * merge key of the Kubernetes API's named lists, and of kustomize's images and replicas, Flux's
     * dependsOn), the port of unnamed ports, and the name of volume claim templates.
     */
    static @Nullable String mergeKey(String path, JsonNode before, JsonNode after) {
        for (String key : List.of("name", "metadata/name", "containerPort", "port")) {
            if ((key.equals("containerPort") || key.equals("port")) && !path.endsWith("/ports")) {
                continue;
            }
            if (unique(before, key) && unique(after, key) && (before.size() + after.size() > 0)) {
                return key;
            }
        }
        return null;
    }

    private static boolean unique(JsonNode list, String key) {
        Set<String> seen = new TreeSet<>();
        for (JsonNode item : list) {
            JsonNode id = item.isObject() ? item.at("/" + key) : null;
            if (id == null || !id.isValueNode() || !seen.add(id.asString())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonNode> keyed(JsonNode list, String key) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        list.forEach(item -> map.put(item.at("/" + key).asString(), item));
        return map;
    }

    private static List<String> canonical(JsonNode list) {
        List<String> items = new ArrayList<>();
        list.forEach(item -> items.add(SecretMasking.JSON.writeValueAsString(item)));
        return items;
    }

    private static boolean missing(@Nullable JsonNode node) {
        return node == null || node.isMissingNode();
    }

    private static String scalar(@Nullable JsonNode node) {
        if (node == null) {
            return "null";
        }
        return node.isNull()
                ? "null"
                : node.isValueNode()
                        ? node.asString()
                        : SecretMasking.JSON.writeValueAsString(node);
    }

    /** A whole added or removed subtree, on one line, with every secret in it masked. */
    private static String show(@Nullable JsonNode node, boolean hidden) {
        if (hidden) {
            return SecretMasking.MASK;
        }
        return node == null ? "null" : scalar(SecretMasking.masked(node, false));
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
