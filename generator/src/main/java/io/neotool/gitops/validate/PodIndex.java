package io.neotool.gitops.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The pod templates of a cluster, indexed by namespace and label, built once: a Service finds the
 * templates it selects among those carrying one of its selector's labels, not by walking every
 * object of the cluster (which made the check grow with services × objects).
 */
final class PodIndex {
    private record Pod(Map<String, String> labels, JsonNode template) {}

    private final Map<String, List<Pod>> byLabel = new HashMap<>();

    PodIndex(List<Manifest> cluster) {
        for (Manifest m : cluster) {
            JsonNode template = PodTemplates.podTemplate(m.object());
            if (template.isMissingNode()) {
                continue;
            }
            Pod pod = new Pod(ObjectChecks.strings(template.at("/metadata/labels")), template);
            pod.labels()
                    .forEach(
                            (key, value) ->
                                    byLabel.computeIfAbsent(
                                                    key(m.namespace(), key, value),
                                                    k -> new ArrayList<>())
                                            .add(pod));
        }
    }

    /** The templates in {@code namespace} whose labels include every entry of {@code selector}. */
    List<JsonNode> select(String namespace, Map<String, String> selector) {
        List<Pod> fewest = null;
        for (Map.Entry<String, String> e : selector.entrySet()) {
            List<Pod> candidates =
                    byLabel.getOrDefault(key(namespace, e.getKey(), e.getValue()), List.of());
            if (fewest == null || candidates.size() < fewest.size()) {
                fewest = candidates;
            }
        }
        List<JsonNode> selected = new ArrayList<>();
        if (fewest != null) {
            for (Pod pod : fewest) {
                if (pod.labels().entrySet().containsAll(selector.entrySet())) {
                    selected.add(pod.template());
                }
            }
        }
        return selected;
    }

    private static String key(String namespace, String label, String value) {
        return namespace + "\u0000" + label + "\u0000" + value;
    }
}
