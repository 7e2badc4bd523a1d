package io.neotool.gitops.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Every image and chart version of a tree, by cluster and component: the images of each workload's
 * containers, each kustomize {@code images} entry, each HelmRelease's chart and the images its
 * values pin ({@code repository} beside {@code tag}), each OCIRepository's tag.
 */
final class Versions {
    private Versions() {}

    /** A versioned thing of a component. */
    record Key(String component, String subject) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = component.compareTo(o.component);
            return c != 0 ? c : subject.compareTo(o.subject);
        }
    }

    /** cluster → (component, subject) → version. */
    static Map<String, Map<Key, String>> of(Map<String, List<JsonNode>> docsByCluster) {
        Map<String, Map<Key, String>> versions = new TreeMap<>();
        docsByCluster.forEach(
                (cluster, docs) -> {
                    Map<Key, String> found =
                            versions.computeIfAbsent(cluster, c -> new TreeMap<>());
                    for (JsonNode doc : docs) {
                        collect(doc, found);
                    }
                });
        return versions;
    }

    private static void collect(JsonNode doc, Map<Key, String> found) {
        String kind = doc.path("kind").asString("");
        String name = doc.at("/metadata/name").asString("");
        // a workload by the component it belongs to: each app's database Job is postgres-databases'
        String workload = doc.at("/metadata/labels").path("app.kubernetes.io/name").asString(name);
        switch (kind) {
            case "Deployment", "StatefulSet", "DaemonSet", "Job" ->
                    containers(workload, doc.at("/spec/template/spec"), found);
            case "CronJob" ->
                    containers(workload, doc.at("/spec/jobTemplate/spec/template/spec"), found);
            case "HelmRelease" -> {
                JsonNode chart = doc.at("/spec/chart/spec");
                if (!chart.isMissingNode()) {
                    found.put(
                            new Key(name, "chart " + chart.path("chart").asString()),
                            chart.path("version").asString());
                }
                images(name, doc.at("/spec/values"), found);
            }
            case "OCIRepository" -> {
                String url = doc.at("/spec/url").asString("");
                found.put(
                        new Key(name, "chart " + url.substring(url.lastIndexOf('/') + 1)),
                        doc.at("/spec/ref/tag").asString(""));
            }
            case "Kustomization" -> {
                // kustomize's own file of an apps overlay (Flux's Kustomizations set no images
                // here)
                for (JsonNode image : doc.path("images")) {
                    found.put(
                            new Key("apps", "image " + image.path("name").asString()),
                            image.path("newTag").asString());
                }
            }
            default -> {}
        }
    }

    private static void containers(String workload, JsonNode pod, Map<Key, String> found) {
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode container : pod.path(list)) {
                String image = container.path("image").asString("");
                int colon = image.lastIndexOf(':');
                if (colon > image.lastIndexOf('/')) {
                    found.put(
                            new Key(workload, "image " + image.substring(0, colon)),
                            image.substring(colon + 1));
                }
            }
        }
    }

    /** Chart values that pin an image: a map with {@code repository} and {@code tag}. */
    private static void images(String release, JsonNode values, Map<Key, String> found) {
        if (values.isObject()) {
            if (values.path("repository").isString() && values.path("tag").isValueNode()) {
                found.put(
                        new Key(release, "image " + values.path("repository").asString()),
                        values.path("tag").asString());
            }
            values.properties().forEach(e -> images(release, e.getValue(), found));
        } else if (values.isArray()) {
            values.forEach(v -> images(release, v, found));
        }
    }

    /** What moved, appeared or went, by cluster then component. */
    static List<VersionChange> changes(
            Map<String, Map<Key, String>> before, Map<String, Map<Key, String>> after) {
        List<VersionChange> changes = new ArrayList<>();
        Set<String> clusters = new TreeSet<>(before.keySet());
        clusters.addAll(after.keySet());
        for (String cluster : clusters) {
            Map<Key, String> b = before.getOrDefault(cluster, Map.of());
            Map<Key, String> a = after.getOrDefault(cluster, Map.of());
            Set<Key> keys = new TreeSet<>(b.keySet());
            keys.addAll(a.keySet());
            for (Key key : keys) {
                String was = b.get(key);
                String is = a.get(key);
                if (was == null ? is != null : !was.equals(is)) {
                    changes.add(
                            new VersionChange(cluster, key.component(), key.subject(), was, is));
                }
            }
        }
        return changes;
    }
}
