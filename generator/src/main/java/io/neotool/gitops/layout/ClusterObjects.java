package io.neotool.gitops.layout;

import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.output.OutputTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cluster's generated tree holds that its README and runbook name, read once: the names of
 * its Deployments, StatefulSets, CronJobs, Helm releases and Flux Kustomizations (an upgrade's
 * shims left out: they apply nothing), and the namespace each release's pods run in.
 *
 * @param byKind kind to its objects' names, sorted
 * @param podNamespaces Helm release to the namespace of its pods
 */
public record ClusterObjects(Map<String, List<String>> byKind, Map<String, String> podNamespaces) {
    private static final Pattern KIND =
            Pattern.compile(
                    "(?m)^kind: (Deployment|StatefulSet|CronJob|HelmRelease|Kustomization)$");
    private static final Pattern NAME = Pattern.compile("(?m)^  name: ([a-z0-9.-]+)$");
    private static final Pattern TARGET = Pattern.compile("(?m)^  targetNamespace: ([a-z0-9-]+)$");

    /** The objects of {@code config}'s cluster in {@code tree}. */
    public static ClusterObjects of(EnvironmentConfig config, OutputTree tree) {
        String name = config.cluster().name();
        Map<String, List<String>> objects = new TreeMap<>();
        // where each Helm release's pods run (the node agents' release runs in its own namespace)
        Map<String, String> podNamespaces = new TreeMap<>();
        tree.files()
                .forEach(
                        (path, file) -> {
                            boolean mine =
                                    path.startsWith("clusters/" + name + "/")
                                            || path.startsWith("infrastructure/" + name + "/");
                            if (!mine || !path.endsWith(".yaml") || !readable(path)) {
                                return;
                            }
                            String text = file.text();
                            if (text.contains(FluxShims.ANNOTATION)) {
                                return; // an upgrade's shim applies nothing
                            }
                            Matcher kind = KIND.matcher(text);
                            Matcher n = NAME.matcher(text);
                            if (kind.find() && n.find()) {
                                objects.computeIfAbsent(kind.group(1), k -> new ArrayList<>())
                                        .add(n.group(1));
                                Matcher target = TARGET.matcher(text);
                                if (kind.group(1).equals("HelmRelease")) {
                                    podNamespaces.put(
                                            n.group(1),
                                            target.find() ? target.group(1) : config.namespace());
                                }
                            }
                        });
        // the apps' Deployments live in apps/base, shared by the clusters: this cluster's are its
        // apps
        config.apps()
                .forEach(
                        app ->
                                objects.computeIfAbsent("Deployment", k -> new ArrayList<>())
                                        .add(app.name()));
        objects.values().forEach(l -> l.sort(null));
        return new ClusterObjects(objects, podNamespaces);
    }

    /**
     * The file prefixes of the kinds read ({@code <kind>-<name>.yaml}, as the layout names them).
     */
    private static final List<String> PREFIXES =
            List.of("deployment-", "statefulset-", "cronjob-", "helmrelease-", "kustomization-");

    /**
     * Whether the file may hold one of the kinds read: the cluster folder's (its Flux
     * Kustomizations, named after them) and the layers' files of those kinds; the others (a
     * thousand KafkaTopics) are not read.
     */
    private static boolean readable(String path) {
        if (path.startsWith("clusters/")) {
            return true;
        }
        String file = path.substring(path.lastIndexOf('/') + 1);
        for (String prefix : PREFIXES) {
            if (file.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The names of the objects of {@code kind}, sorted; none when the tree holds none. */
    public List<String> named(String kind) {
        return byKind.getOrDefault(kind, List.of());
    }
}
