package io.neotool.gitops.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What a change does to the clusters, object by object, the way Terraform's plan reads: per cluster
 * the objects to add, change and destroy; the dangerous changes first (data loss, changes the API
 * server rejects, a security posture loosened), each with its object and reason; the image and
 * chart versions by component; then each changed object's fields, list entries matched by identity
 * and text shown as line diffs ({@link StructuralDiff}); secrets masked.
 */
public final class SemanticDiff {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    static final String MASK = SecretMasking.MASK;

    private SemanticDiff() {}

    /**
     * The review of one change.
     *
     * @param flux what Flux will create, update and prune, per cluster and Flux Kustomization
     *     (empty when the paths were not built)
     */
    public record Report(
            String base,
            List<ObjectDiff> objects,
            List<VersionChange> versions,
            List<Danger> dangers,
            List<FluxPlan.Step> flux) {
        public boolean empty() {
            return objects.isEmpty();
        }

        public Map<String, List<ObjectDiff>> byCluster() {
            Map<String, List<ObjectDiff>> clusters = new TreeMap<>();
            objects.forEach(
                    o -> clusters.computeIfAbsent(o.cluster(), c -> new ArrayList<>()).add(o));
            return clusters;
        }
    }

    /** Compares two trees given as path to YAML text. */
    public static Report compare(
            String base, SortedMap<String, String> before, SortedMap<String, String> after) {
        return compare(base, before, after, null, null);
    }

    /**
     * Compares two trees, with what Flux applies of each: every Flux Kustomization's path built
     * (cluster → Kustomization → object key → object), or null when the paths were not built. The
     * builds give what Flux will create, update and prune ({@link FluxPlan}) and each cluster's
     * objects as they run, for the dangers beyond single objects ({@link ClusterDangers}).
     */
    public static Report compare(
            String base,
            SortedMap<String, String> before,
            SortedMap<String, String> after,
            @Nullable Builds buildsBefore,
            @Nullable Builds buildsAfter) {
        Map<String, Parsed> old = parse(before);
        Map<String, Parsed> now = parse(after);
        List<ObjectDiff> objects = new ArrayList<>();
        List<Danger> dangers = new ArrayList<>();
        Set<String> keys = new TreeSet<>(old.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            Parsed o = old.get(key);
            Parsed n = now.get(key);
            Parsed any = java.util.Objects.requireNonNull(n != null ? n : o);
            ObjectDiff.Status status =
                    o == null
                            ? ObjectDiff.Status.ADDED
                            : n == null ? ObjectDiff.Status.REMOVED : ObjectDiff.Status.CHANGED;
            List<Change> changes =
                    o != null && n != null ? StructuralDiff.compare(o.doc, n.doc) : List.of();
            if (status == ObjectDiff.Status.CHANGED && changes.isEmpty()) {
                continue;
            }
            ObjectDiff diff = new ObjectDiff(any.cluster, any.object, any.file, status, changes);
            objects.add(diff);
            dangers.addAll(Dangers.of(diff, o == null ? null : o.doc, n == null ? null : n.doc));
        }
        List<FluxPlan.Step> flux = List.of();
        Map<String, List<JsonNode>> clusterBefore = docs(old);
        Map<String, List<JsonNode>> clusterAfter = docs(now);
        if (buildsBefore != null && buildsAfter != null) {
            flux = FluxPlan.of(buildsBefore.value(), buildsAfter.value());
            clusterBefore = buildsBefore.byCluster();
            clusterAfter = buildsAfter.byCluster();
        }
        List<Danger> cluster = ClusterDangers.of(clusterBefore, clusterAfter, before, after);
        // a move of topology names the procedure: the plain "removed" of the same object goes
        java.util.Set<String> moved = new java.util.HashSet<>();
        cluster.stream()
                .filter(d -> d.reason().startsWith(TopologyDangers.MOVE))
                .forEach(d -> moved.add(d.cluster() + " " + d.object()));
        dangers.removeIf(
                d ->
                        moved.contains(d.cluster() + " " + d.object())
                                && d.reason().startsWith("removed:"));
        dangers.addAll(cluster);
        // the worst first: data, then refusals, messages, outages, security, steps by hand
        dangers.sort(java.util.Comparator.comparing(Danger::kind));
        List<VersionChange> versions =
                Versions.changes(Versions.of(docs(old)), Versions.of(docs(now)));
        return new Report(base, objects, versions, dangers, flux);
    }

    private static Map<String, List<JsonNode>> docs(Map<String, Parsed> parsed) {
        Map<String, List<JsonNode>> docs = new TreeMap<>();
        parsed.values()
                .forEach(p -> docs.computeIfAbsent(p.cluster, c -> new ArrayList<>()).add(p.doc));
        return docs;
    }

    /** Every Flux Kustomization's path built: cluster → Kustomization → object key → object. */
    public record Builds(SortedMap<String, SortedMap<String, SortedMap<String, JsonNode>>> value) {
        /** Each cluster's objects, as Flux applies them. */
        Map<String, List<JsonNode>> byCluster() {
            Map<String, List<JsonNode>> clusters = new TreeMap<>();
            value.forEach(
                    (cluster, kustomizations) -> {
                        List<JsonNode> objects = new ArrayList<>();
                        kustomizations.values().forEach(o -> objects.addAll(o.values()));
                        clusters.put(cluster, objects);
                    });
            return clusters;
        }
    }

    /** An object and where it is. */
    private record Parsed(String cluster, String object, String file, JsonNode doc) {}

    private static Map<String, Parsed> parse(SortedMap<String, String> files) {
        Map<String, Parsed> objects = new LinkedHashMap<>();
        ObjectReader reader = YAML.readerFor(JsonNode.class);
        files.forEach(
                (path, text) -> {
                    if (!path.endsWith(".yaml")) {
                        return;
                    }
                    String cluster = DiffPaths.cluster(path);
                    try (var docs = reader.readValues(text)) {
                        while (docs.hasNextValue()) {
                            JsonNode doc = (JsonNode) docs.nextValue();
                            if (doc == null || !doc.isObject()) {
                                continue;
                            }
                            objects.put(
                                    cluster + "|" + DiffPaths.name(path, doc),
                                    new Parsed(cluster, DiffPaths.name(path, doc), path, doc));
                        }
                    } catch (JacksonException e) {
                        JsonNode unreadable =
                                JsonMapper.builder()
                                        .build()
                                        .createObjectNode()
                                        .put("error", "not valid YAML: " + e.getOriginalMessage());
                        objects.put(
                                cluster + "|file " + path,
                                new Parsed(cluster, "unreadable file " + path, path, unreadable));
                    }
                });
        return objects;
    }
}
