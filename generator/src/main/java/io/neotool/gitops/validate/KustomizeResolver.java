package io.neotool.gitops.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
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

    private final TreeFiles files;
    private final List<ValidationProblem> problems;
    private final KustomizeTransforms transforms;
    private final Documents documents;

    /** What the current build reads, chunk by chunk. */
    private BuildReads reads;

    /**
     * Folders whose kustomization.yaml may name a folder that a tool outside the generator writes.
     */
    private final Set<String> optionalEntries;

    KustomizeResolver(
            Documents documents, List<ValidationProblem> problems, Set<String> optionalEntries) {
        this.files = documents.files();
        this.documents = documents;
        this.problems = problems;
        this.transforms = new KustomizeTransforms(problems);
        this.optionalEntries = optionalEntries;
        this.reads = new BuildReads(documents, List.of());
    }

    boolean isFolder(String path) {
        return files.isFolder(path);
    }

    /** The objects of the folder, transformed as kustomize would. */
    List<Manifest> build(String folder) {
        List<Manifest> objects = new ArrayList<>();
        build(folder, objects::add);
        return objects;
    }

    /**
     * Builds the folder as kustomize would and hands each final object to {@code sink}, in
     * kustomize's order, without holding the folder's objects: the files are parsed in parallel
     * chunks of {@value #CHUNK}, in the order the build reads them, and dropped once read. Only a
     * folder that patches keeps its own objects until its patches are applied.
     */
    void build(String folder, Consumer<Manifest> sink) {
        reads = BuildReads.of(documents, folder);
        try {
            build(folder, new HashSet<>(), sink);
        } finally {
            reads.close();
            reads = new BuildReads(documents, List.of());
        }
    }

    private void build(String folder, Set<String> visiting, Consumer<Manifest> sink) {
        String file = folder + "/" + KUSTOMIZATION;
        if (!visiting.add(folder)) {
            problems.add(
                    new ValidationProblem(
                            file,
                            ObjectRef.NONE,
                            "/resources",
                            "includes itself through its resources"));
            return;
        }
        if (!files.contains(file)) {
            problems.add(
                    new ValidationProblem(
                            folder,
                            ObjectRef.NONE,
                            "",
                            "Flux reads this folder but it has no " + KUSTOMIZATION));
            return;
        }
        List<Manifest> docs = documents.kustomization(file);
        if (docs.size() != 1 || !Manifests.isKustomizeFile(docs.get(0))) {
            problems.add(
                    new ValidationProblem(
                            file,
                            ObjectRef.NONE,
                            "",
                            "expected one kustomize.config.k8s.io Kustomization"));
            return;
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
        KustomizeTransforms.Transform transform = transforms.of(file, k);
        Map<String, String> keys = new HashMap<>();
        @Nullable List<Manifest> patched = transform.patches() ? new ArrayList<>() : null;
        Consumer<Manifest> out =
                m -> {
                    Manifest changed = transform.apply(m);
                    if (patched != null) {
                        patched.add(changed);
                    } else {
                        transforms.checkDuplicate(file, keys, changed);
                        sink.accept(changed);
                    }
                };
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
            String target = resolve(folder, resource);
            if (files.contains(target)) {
                reads.read(target).stream().filter(m -> !Manifests.isKustomizeFile(m)).forEach(out);
            } else if (isFolder(target)) {
                build(target, visiting, out);
            } else if (!optionalEntries.contains(target)) {
                problems.add(
                        new ValidationProblem(
                                file,
                                ObjectRef.NONE,
                                pointer,
                                "lists '" + resource + "', which does not exist"));
            }
        }
        for (String path : files.under(folder)) {
            String name = path.substring(folder.length() + 1);
            String first = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
            boolean yaml =
                    name.contains("/")
                            ? isFolder(folder + "/" + first)
                                    && files.contains(folder + "/" + first + "/" + KUSTOMIZATION)
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
        if (patched != null) {
            for (Manifest m : transform.patch(patched)) {
                transforms.checkDuplicate(file, keys, m);
                sink.accept(m);
            }
        }
    }

    /** A resource entry of {@code folder}'s kustomization, as a path of the tree. */
    static String resolve(String folder, String resource) {
        return Path.of(folder).resolve(resource).normalize().toString().replace('\\', '/');
    }
}
