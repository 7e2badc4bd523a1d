package io.neotool.gitops.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code kustomize build <folder>} yields, for the kustomize features this project's trees
 * use: {@code resources} (files and folders), {@code namespace}, {@code images}, {@code replicas}
 * and JSON 6902 {@code patches}. Any other field is reported rather than ignored: CI's real
 * kustomize build covers trees that need more.
 */
final class KustomizeResolver {
    static final String KUSTOMIZATION = "kustomization.yaml";
    private static final Set<String> SUPPORTED =
            Set.of("apiVersion", "kind", "namespace", "resources", "images", "replicas", "patches");

    /** Kinds that have no namespace. */
    static final Set<String> CLUSTER_SCOPED =
            Set.of(
                    "Namespace",
                    "CustomResourceDefinition",
                    "ClusterRole",
                    "ClusterRoleBinding",
                    "StorageClass",
                    "PersistentVolume",
                    "IngressClass",
                    "PriorityClass",
                    "MutatingWebhookConfiguration",
                    "ValidatingWebhookConfiguration",
                    "APIService",
                    "Node",
                    "RuntimeClass",
                    "CSIDriver",
                    "VolumeAttachment");

    private final SortedMap<String, String> files;
    private final List<ValidationProblem> problems;
    private final KustomizeTransforms transforms;

    /** Every file's documents, parsed once and shared with the validator. */
    private final Map<String, List<Manifest>> parsed;

    /**
     * Folders whose kustomization.yaml may name a folder that a tool outside the generator writes.
     */
    private final Set<String> optionalEntries;

    KustomizeResolver(
            SortedMap<String, String> files,
            Map<String, List<Manifest>> parsed,
            List<ValidationProblem> problems,
            Set<String> optionalEntries) {
        this.files = files;
        this.parsed = parsed;
        this.problems = problems;
        this.transforms = new KustomizeTransforms(problems);
        this.optionalEntries = optionalEntries;
    }

    boolean isFolder(String path) {
        String prefix = path + "/";
        var tail = files.tailMap(prefix);
        return !tail.isEmpty() && tail.firstKey().startsWith(prefix);
    }

    /** The objects of the folder, transformed as kustomize would. */
    List<Manifest> build(String folder) {
        return build(folder, new HashSet<>());
    }

    private List<Manifest> build(String folder, Set<String> visiting) {
        String file = folder + "/" + KUSTOMIZATION;
        if (!visiting.add(folder)) {
            problems.add(
                    new ValidationProblem(
                            file,
                            ObjectRef.NONE,
                            "/resources",
                            "includes itself through its resources"));
            return List.of();
        }
        String text = files.get(file);
        if (text == null) {
            problems.add(
                    new ValidationProblem(
                            folder,
                            ObjectRef.NONE,
                            "",
                            "Flux reads this folder but it has no " + KUSTOMIZATION));
            return List.of();
        }
        List<Manifest> docs = parse(file);
        if (docs.size() != 1 || !Manifests.isKustomizeFile(docs.get(0))) {
            problems.add(
                    new ValidationProblem(
                            file,
                            ObjectRef.NONE,
                            "",
                            "expected one kustomize.config.k8s.io Kustomization"));
            return List.of();
        }
        ObjectNode k = docs.get(0).object();
        for (String field : k.propertyNames()) {
            if (!SUPPORTED.contains(field)) {
                problems.add(
                        new ValidationProblem(
                                file,
                                ObjectRef.NONE,
                                "/" + field,
                                "not checked by neotool:validate (supported: "
                                        + String.join(", ", new java.util.TreeSet<>(SUPPORTED))
                                        + ")"));
            }
        }
        List<Manifest> objects = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        int i = 0;
        for (JsonNode entry : k.path("resources")) {
            String resource = entry.asString();
            String pointer = "/resources/" + i++;
            if (!listed.add(resource)) {
                problems.add(
                        new ValidationProblem(
                                file, ObjectRef.NONE, pointer, "lists '" + resource + "' twice"));
                continue;
            }
            String target =
                    Path.of(folder).resolve(resource).normalize().toString().replace('\\', '/');
            if (files.containsKey(target)) {
                parse(target).stream()
                        .filter(m -> !Manifests.isKustomizeFile(m))
                        .forEach(objects::add);
            } else if (isFolder(target)) {
                objects.addAll(build(target, visiting));
            } else if (!optionalEntries.contains(target)) {
                problems.add(
                        new ValidationProblem(
                                file,
                                ObjectRef.NONE,
                                pointer,
                                "lists '" + resource + "', which does not exist"));
            }
        }
        for (String path : files.subMap(folder + "/", folder + "/\uffff").keySet()) {
            String name = path.substring(folder.length() + 1);
            String first = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
            boolean yaml =
                    name.contains("/")
                            ? isFolder(folder + "/" + first)
                                    && files.containsKey(folder + "/" + first + "/" + KUSTOMIZATION)
                            : name.endsWith(".yaml") && !name.equals(KUSTOMIZATION);
            if (yaml && !listed.contains(first) && listed.add(first)) {
                problems.add(
                        new ValidationProblem(
                                file,
                                ObjectRef.NONE,
                                "/resources",
                                "does not list '" + first + "', which is in its folder"));
            }
        }
        objects = transforms.transform(file, k, objects);
        transforms.checkDuplicates(file, objects);
        return objects;
    }

    List<Manifest> parse(String file) {
        return parsed.computeIfAbsent(file, f -> Manifests.read(f, files.get(f), problems));
    }
}
