package io.neotool.gitops.validate;

import io.fabric8.zjsonpatch.JsonPatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a kustomization.yaml does to the objects it lists, as kustomize does it: the namespace set
 * on namespaced objects, image tags, replica counts, JSON 6902 and strategic-merge patches matched
 * by target; then no two objects with the same identity.
 */
final class KustomizeTransforms {
    private final List<ValidationProblem> problems;

    KustomizeTransforms(List<ValidationProblem> problems) {
        this.problems = problems;
    }

    /** What one kustomization.yaml does to each object, then to all of them (patches). */
    final class Transform {
        private final String file;
        private final ObjectNode k;
        private final @Nullable String namespace;
        private final Map<String, JsonNode> images = new LinkedHashMap<>();
        private final Map<String, Integer> replicas = new HashMap<>();

        private Transform(String file, ObjectNode k) {
            this.file = file;
            this.k = k;
            this.namespace = k.path("namespace").asString(null);
            k.path("images").forEach(image -> images.put(image.path("name").asString(), image));
            k.path("replicas")
                    .forEach(r -> replicas.put(r.path("name").asString(), r.path("count").asInt()));
        }

        /** Whether it patches: then it needs all the folder's objects before any leaves it. */
        boolean patches() {
            return !k.path("patches").isEmpty();
        }

        /** The namespace, image tags and replica count it sets on one object. */
        Manifest apply(Manifest m) {
            boolean moves =
                    namespace != null
                            && !KustomizeResolver.CLUSTER_SCOPED.contains(m.kind())
                            && !namespace.equals(m.namespace());
            boolean retags =
                    !images.isEmpty()
                            && PodTemplates.containers(m.object()).stream()
                                    .anyMatch(
                                            c ->
                                                    images.containsKey(
                                                            PodTemplates.repository(
                                                                    c.path("image").asString(""))));
            boolean scales =
                    replicas.containsKey(m.name())
                            && (m.kind().equals("Deployment") || m.kind().equals("StatefulSet"));
            if (!moves && !retags && !scales) {
                return m;
            }
            // changed in place: a build parses the files it reads and owns their objects
            ObjectNode object = m.object();
            if (namespace != null && !KustomizeResolver.CLUSTER_SCOPED.contains(m.kind())) {
                ((ObjectNode) object.path("metadata")).put("namespace", namespace);
            }
            if (!images.isEmpty()) {
                for (ObjectNode container : PodTemplates.containers(object)) {
                    String image = container.path("image").asString("");
                    String repository = PodTemplates.repository(image);
                    JsonNode change = images.get(repository);
                    if (change != null) {
                        String name = change.path("newName").asString(repository);
                        String tag = change.path("newTag").asString(PodTemplates.tag(image));
                        container.put("image", tag == null ? name : name + ":" + tag);
                    }
                }
            }
            Integer count = replicas.get(m.name());
            if (count != null
                    && (m.kind().equals("Deployment") || m.kind().equals("StatefulSet"))) {
                ((ObjectNode) object.path("spec")).put("replicas", count);
            }
            return m.withObject(object);
        }

        /** Its JSON 6902 patches, applied to the folder's objects. */
        List<Manifest> patch(List<Manifest> objects) {
            List<Manifest> out = new ArrayList<>(objects);
            int i = 0;
            for (JsonNode patch : k.path("patches")) {
                String pointer = "/patches/" + i++;
                String kind = patch.at("/target/kind").asString("");
                String name = patch.at("/target/name").asString("");
                JsonNode operations;
                try {
                    operations = Manifests.YAML.readTree(patch.path("patch").asString(""));
                } catch (tools.jackson.core.JacksonException e) {
                    problems.add(
                            new ValidationProblem(
                                    file,
                                    ObjectRef.NONE,
                                    pointer + "/patch",
                                    "not valid YAML: " + e.getOriginalMessage()));
                    continue;
                }
                if (!operations.isArray()) {
                    problems.add(
                            new ValidationProblem(
                                    file,
                                    ObjectRef.NONE,
                                    pointer + "/patch",
                                    "only JSON 6902 patches (a list of operations) are checked"));
                    continue;
                }
                boolean applied = false;
                for (int j = 0; j < out.size(); j++) {
                    Manifest m = out.get(j);
                    if (m.kind().equals(kind) && m.name().equals(name)) {
                        try {
                            out.set(
                                    j,
                                    m.withObject(
                                            (ObjectNode) JsonPatch.apply(operations, m.object())));
                            applied = true;
                        } catch (RuntimeException e) {
                            problems.add(
                                    new ValidationProblem(
                                            file,
                                            ObjectRef.NONE,
                                            pointer,
                                            "does not apply to " + m.id() + ": " + e.getMessage()));
                        }
                    }
                }
                if (!applied) {
                    problems.add(
                            new ValidationProblem(
                                    file,
                                    ObjectRef.NONE,
                                    pointer + "/target",
                                    "no " + kind + " named '" + name + "' to patch"));
                }
            }
            return out;
        }
    }

    Transform of(String file, ObjectNode k) {
        return new Transform(file, k);
    }

    /**
     * Reports {@code m} when the folder built by {@code file} already yielded an object of the same
     * identity ({@code keys}: identity to the file it came from).
     */
    void checkDuplicate(String file, Map<String, String> keys, Manifest m) {
        String first = keys.putIfAbsent(m.key(), m.file());
        if (first != null && !first.equals(m.file())) {
            problems.add(
                    new ValidationProblem(
                            m.file(),
                            m.id(),
                            "",
                            "the same object is also in " + first + " (both reach " + file + ")"));
        } else if (first != null) {
            problems.add(
                    new ValidationProblem(
                            m.file(), m.id(), "", "the file holds this object twice"));
        }
    }
}
