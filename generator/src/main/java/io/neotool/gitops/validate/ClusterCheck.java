package io.neotool.gitops.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The checks of one cluster's tree, from {@code clusters/<cluster>/} down, the way Flux reads it:
 * the cluster's Flux Kustomizations, the paths they apply (built like kustomize), the Flux graph
 * (sources, {@code dependsOn} and its cycles, namespaces created upstream, pinned charts) and the
 * rules of each object.
 */
final class ClusterCheck {
    private final String cluster;
    private final @Nullable ClusterRules rules;
    private final List<ValidationProblem> problems;
    private final KustomizeResolver resolver;
    private final String root;

    /** Object identity (group/kind/namespace/name) to the file that first defines it. */
    private final Map<String, String> seen = new HashMap<>();

    private final PodIndex pods = new PodIndex();

    /** The cluster's Services, checked against every pod template once all paths are read. */
    private final List<PodIndex.Service> services = new ArrayList<>();

    /** The Flux sources the cluster defines, by kind/namespace/name. */
    private final Map<String, Manifest> sources = new HashMap<>();

    ClusterCheck(
            String cluster,
            Documents documents,
            @Nullable ClusterRules rules,
            List<ValidationProblem> problems) {
        this.cluster = cluster;
        this.rules = rules;
        this.problems = problems;
        this.root = "clusters/" + cluster;
        this.resolver = new KustomizeResolver(documents, problems, Set.of(root + "/flux-system"));
    }

    private FluxSources sources() {
        return new FluxSources(cluster, problems);
    }

    /**
     * Builds the root, then each path a Flux Kustomization applies, one at a time: the objects of a
     * path are checked and reduced to what the graph needs (namespaces, HelmReleases and
     * Kustomizations, sources, pod templates, Services) before the next path is built.
     */
    void run() {
        List<Manifest> top = resolver.build(root);
        Map<String, Manifest> kustomizations = new LinkedHashMap<>();
        for (Manifest m : top) {
            if (m.group().equals(TreeValidator.FLUX_KUSTOMIZATION)
                    && m.kind().equals("Kustomization")) {
                kustomizations.put(m.namespace() + "/" + m.name(), m);
            }
        }
        Applied root = new Applied(new HashSet<>(), new ArrayList<>());
        top.forEach(m -> take(m, root));
        Set<String> namespacesAtRoot = root.namespaces();
        Map<String, Applied> applied = new LinkedHashMap<>();
        for (var entry : kustomizations.entrySet()) {
            Manifest k = entry.getValue();
            String path =
                    k.at("/spec/path")
                            .asString("./")
                            .replaceFirst("^\\./", "")
                            .replaceFirst("/$", "");
            if (path.isEmpty() || !resolver.isFolder(path)) {
                problems.add(
                        new ValidationProblem(
                                k.file(),
                                k.id(),
                                "/spec/path",
                                "expected an existing folder of the repository, got '"
                                        + k.at("/spec/path").asString("")
                                        + "'"));
                applied.put(entry.getKey(), new Applied(Set.of(), List.of()));
            } else {
                Applied objects = new Applied(new HashSet<>(), new ArrayList<>());
                resolver.build(path, m -> take(m, objects));
                applied.put(entry.getKey(), objects);
            }
        }
        graph(kustomizations, applied, namespacesAtRoot);
        services.forEach(s -> pods.checkService(s, problems));
    }

    /** What the graph needs of a path: the namespaces it creates, its Flux releases and syncs. */
    private record Applied(Set<String> namespaces, List<Manifest> flux) {}

    /** Checks one object of a path and keeps only what the cluster-wide checks need of it. */
    private void take(Manifest m, Applied path) {
        String first = seen.putIfAbsent(m.key(), m.file());
        if (first != null && !first.equals(m.file())) {
            problems.add(
                    new ValidationProblem(
                            m.file(), m.id(), "", "the same object is also defined in " + first));
        }
        new ObjectChecks(m, rules, problems).run();
        pods.add(m);
        boolean core = m.group().equals("core");
        if (core && m.kind().equals("Namespace")) {
            path.namespaces().add(m.name());
        } else if (core && m.kind().equals("Service")) {
            services.add(PodIndex.Service.of(m));
        } else if (m.group().equals("source.toolkit.fluxcd.io")) {
            sources.put(m.kind() + "/" + m.namespace() + "/" + m.name(), m);
        } else if (m.kind().equals("HelmRelease")
                || (m.group().equals(TreeValidator.FLUX_KUSTOMIZATION)
                        && m.kind().equals("Kustomization"))) {
            path.flux().add(m);
        }
    }

    private void graph(
            Map<String, Manifest> kustomizations,
            Map<String, Applied> applied,
            Set<String> namespacesAtRoot) {
        Map<String, List<String>> edges = new TreeMap<>();
        for (var entry : kustomizations.entrySet()) {
            Manifest k = entry.getValue();
            List<String> deps = new ArrayList<>();
            int i = 0;
            for (JsonNode dep : k.at("/spec/dependsOn")) {
                String id =
                        dep.path("namespace").asString(k.namespace())
                                + "/"
                                + dep.path("name").asString();
                if (!kustomizations.containsKey(id)) {
                    problems.add(
                            new ValidationProblem(
                                    k.file(),
                                    k.id(),
                                    "/spec/dependsOn/" + i,
                                    "expected a Kustomization of this cluster, got '" + id + "'"));
                } else {
                    deps.add(id);
                }
                i++;
            }
            edges.put(entry.getKey(), deps);
            sources()
                    .sourceRef(
                            k,
                            k.at("/spec/sourceRef"),
                            "/spec/sourceRef",
                            "GitRepository",
                            sources);
        }
        cycles(edges, kustomizations);
        for (var entry : applied.entrySet()) {
            Set<String> upstream = new HashSet<>(namespacesAtRoot);
            for (String k : DependsOn.reachable(entry.getKey(), edges)) {
                Applied path = applied.get(k);
                if (path != null) {
                    upstream.addAll(path.namespaces());
                }
            }
            for (Manifest m : entry.getValue().flux()) {
                if (m.kind().equals("HelmRelease")) {
                    sources().helmRelease(m, sources, upstream);
                }
                if (m.group().equals(TreeValidator.FLUX_KUSTOMIZATION)
                        && m.kind().equals("Kustomization")) {
                    sources()
                            .sourceRef(
                                    m,
                                    m.at("/spec/sourceRef"),
                                    "/spec/sourceRef",
                                    "GitRepository",
                                    sources);
                }
            }
        }
    }

    private void cycles(Map<String, List<String>> edges, Map<String, Manifest> kustomizations) {
        Map<String, Boolean> finished = new HashMap<>();
        for (String start : edges.keySet()) {
            List<String> cycle = DependsOn.cycle(start, edges, finished, new ArrayList<>());
            if (cycle != null) {
                Manifest first = java.util.Objects.requireNonNull(kustomizations.get(cycle.get(0)));
                problems.add(
                        new ValidationProblem(
                                first.file(),
                                first.id(),
                                "/spec/dependsOn",
                                "dependsOn cycle: "
                                        + String.join(
                                                " -> ",
                                                cycle.stream()
                                                        .map(s -> s.substring(s.indexOf('/') + 1))
                                                        .toList())));
                return;
            }
        }
    }
}
