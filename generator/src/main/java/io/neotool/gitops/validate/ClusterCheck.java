package io.neotool.gitops.validate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
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

    ClusterCheck(
            String cluster,
            SortedMap<String, String> files,
            Map<String, List<Manifest>> parsed,
            @Nullable ClusterRules rules,
            List<ValidationProblem> problems) {
        this.cluster = cluster;
        this.rules = rules;
        this.problems = problems;
        this.root = "clusters/" + cluster;
        this.resolver =
                new KustomizeResolver(files, parsed, problems, Set.of(root + "/flux-system"));
    }

    private FluxSources sources() {
        return new FluxSources(cluster, problems);
    }

    void run() {
        List<Manifest> top = resolver.build(root);
        Map<String, Manifest> kustomizations = new LinkedHashMap<>();
        for (Manifest m : top) {
            if (m.group().equals(TreeValidator.FLUX_KUSTOMIZATION)
                    && m.kind().equals("Kustomization")) {
                kustomizations.put(m.namespace() + "/" + m.name(), m);
            }
        }
        Map<String, List<Manifest>> applied = new LinkedHashMap<>();
        List<Manifest> everything = new ArrayList<>(top);
        for (var entry : kustomizations.entrySet()) {
            Manifest k = entry.getValue();
            String path =
                    k.at("/spec/path")
                            .asString("./")
                            .replaceFirst("^\\./", "")
                            .replaceFirst("/$", "");
            List<Manifest> objects;
            if (path.isEmpty() || !resolver.isFolder(path)) {
                problems.add(
                        new ValidationProblem(
                                k.file(),
                                k.id(),
                                "/spec/path",
                                "expected an existing folder of the repository, got '"
                                        + k.at("/spec/path").asString("")
                                        + "'"));
                objects = List.of();
            } else {
                objects = resolver.build(path);
            }
            applied.put(entry.getKey(), objects);
            everything.addAll(objects);
        }
        Map<String, Manifest> sources = new HashMap<>();
        for (Manifest m : everything) {
            if (m.group().equals("source.toolkit.fluxcd.io")) {
                sources.put(m.kind() + "/" + m.namespace() + "/" + m.name(), m);
            }
        }
        graph(kustomizations, applied, sources, top);
        objects(everything);
    }

    private void graph(
            Map<String, Manifest> kustomizations,
            Map<String, List<Manifest>> applied,
            Map<String, Manifest> sources,
            List<Manifest> top) {
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
        Set<String> namespacesAtRoot = namespaces(top);
        for (var entry : applied.entrySet()) {
            Set<String> upstream = new HashSet<>(namespacesAtRoot);
            for (String k : reachable(entry.getKey(), edges)) {
                upstream.addAll(namespaces(applied.getOrDefault(k, List.of())));
            }
            for (Manifest m : entry.getValue()) {
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
            List<String> cycle = dfs(start, edges, finished, new ArrayList<>());
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

    /** Depth-first search; returns the first cycle met, closed ({@code a -> b -> a}), or null. */
    private static @Nullable List<String> dfs(
            String node,
            Map<String, List<String>> edges,
            Map<String, Boolean> finished,
            List<String> stack) {
        Boolean state = finished.get(node);
        if (Boolean.TRUE.equals(state)) {
            return null;
        }
        if (Boolean.FALSE.equals(state)) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(node), stack.size()));
            cycle.add(node);
            return cycle;
        }
        finished.put(node, false);
        stack.add(node);
        for (String next : edges.getOrDefault(node, List.of())) {
            List<String> cycle = dfs(next, edges, finished, stack);
            if (cycle != null) {
                return cycle;
            }
        }
        stack.remove(stack.size() - 1);
        finished.put(node, true);
        return null;
    }

    private static Set<String> reachable(String start, Map<String, List<String>> edges) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(edges.getOrDefault(next, List.of()));
            }
        }
        return seen;
    }

    private static Set<String> namespaces(List<Manifest> objects) {
        Set<String> names = new HashSet<>();
        objects.stream()
                .filter(m -> m.kind().equals("Namespace") && m.group().equals("core"))
                .forEach(m -> names.add(m.name()));
        return names;
    }

    private void objects(List<Manifest> everything) {
        Map<String, Manifest> seen = new HashMap<>();
        PodIndex pods = new PodIndex(everything);
        for (Manifest m : everything) {
            Manifest first = seen.putIfAbsent(m.key(), m);
            if (first != null && !first.file().equals(m.file())) {
                problems.add(
                        new ValidationProblem(
                                m.file(),
                                m.id(),
                                "",
                                "the same object is also defined in " + first.file()));
            }
            new ObjectChecks(m, rules, problems).run(pods);
        }
    }
}
