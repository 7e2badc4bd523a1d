package io.neotool.gitops.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * What Flux applies, per cluster and Flux Kustomization: each Kustomization's path built as the
 * validator builds it (kustomize's resources, namespace, images, replicas, patches), its final
 * objects by {@code Kind namespace/name}. The review compares two of these to say what Flux will
 * create, change and prune, and which Kustomization does it.
 */
public final class FluxBuilds {
    /** The Kustomization {@code flux bootstrap} makes: it applies {@code clusters/<cluster>/}. */
    public static final String BOOTSTRAP = "flux-system/flux-system";

    private FluxBuilds() {}

    /** Cluster → {@code namespace/name} of each Flux Kustomization → object key → object. */
    public static SortedMap<String, SortedMap<String, SortedMap<String, JsonNode>>> of(
            SortedMap<String, String> files) {
        Set<String> clusters = new TreeSet<>();
        for (String path : files.keySet()) {
            String[] parts = path.split("/", -1);
            if (parts.length > 2 && parts[0].equals("clusters")) {
                clusters.add(parts[1]);
            }
        }
        List<ValidationProblem> problems = new ArrayList<>();
        Documents documents =
                new Documents(
                        TreeFiles.of(files),
                        (file, text) ->
                                file.endsWith(".yaml")
                                        ? new Documents.Outcome(
                                                Manifests.read(file, text, problems),
                                                problems,
                                                0,
                                                0)
                                        : new Documents.Outcome(null, problems, 0, 0));
        SortedMap<String, SortedMap<String, SortedMap<String, JsonNode>>> builds = new TreeMap<>();
        for (String cluster : clusters) {
            String root = "clusters/" + cluster;
            KustomizeResolver resolver =
                    new KustomizeResolver(documents, problems, Set.of(root + "/flux-system"));
            SortedMap<String, SortedMap<String, JsonNode>> byKustomization = new TreeMap<>();
            List<Manifest> top = resolver.build(root);
            // the cluster folder itself is applied by flux bootstrap's Kustomization
            SortedMap<String, JsonNode> bootstrap = new TreeMap<>();
            top.forEach(m -> bootstrap.put(key(m), m.object()));
            byKustomization.put(BOOTSTRAP, bootstrap);
            for (Manifest k : top) {
                if (!k.group().equals(TreeValidator.FLUX_KUSTOMIZATION)
                        || !k.kind().equals("Kustomization")) {
                    continue;
                }
                String path =
                        k.at("/spec/path")
                                .asString("./")
                                .replaceFirst("^\\./", "")
                                .replaceFirst("/$", "");
                SortedMap<String, JsonNode> objects = new TreeMap<>();
                if (!path.isEmpty() && resolver.isFolder(path)) {
                    resolver.build(path, m -> objects.put(key(m), m.object()));
                }
                byKustomization.put(k.namespace() + "/" + k.name(), objects);
            }
            builds.put(cluster, byKustomization);
        }
        return builds;
    }

    private static String key(Manifest m) {
        return m.kind() + " " + (m.namespace().isEmpty() ? "" : m.namespace() + "/") + m.name();
    }
}
