package io.neotool.gitops.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pod templates of a cluster, as facts (namespace, labels, container port names and numbers),
 * indexed by label and filled path by path; and the check that each Service selects pod templates
 * with the ports it targets. A Service finds the templates it selects among those carrying one of
 * its selector's labels, not by walking every object of the cluster (which made the check grow with
 * services × objects), and the objects themselves are not kept.
 */
final class PodIndex {
    private record Pod(Map<String, String> labels, Set<String> portNames, Set<Integer> ports) {}

    /**
     * What the check of a Service needs of it, kept until every path is read instead of the object:
     * where it is, its selector, and each port's target (a name or a number).
     */
    record Service(
            String file,
            ObjectRef id,
            String namespace,
            Map<String, String> selector,
            List<JsonNode> targets) {
        static Service of(Manifest m) {
            List<JsonNode> targets = new ArrayList<>();
            for (JsonNode port : m.at("/spec/ports")) {
                targets.add(port.has("targetPort") ? port.path("targetPort") : port.path("port"));
            }
            return new Service(
                    m.file(), m.id(), m.namespace(), strings(m.at("/spec/selector")), targets);
        }
    }

    private final Map<String, List<Pod>> byLabel = new HashMap<>();

    /** Takes the pod template of {@code m}, when it has one. */
    void add(Manifest m) {
        JsonNode template = PodTemplates.podTemplate(m.object());
        if (template.isMissingNode()) {
            return;
        }
        Set<String> names = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        template.at("/spec/containers")
                .forEach(
                        c ->
                                c.path("ports")
                                        .forEach(
                                                p -> {
                                                    names.add(p.path("name").asString(""));
                                                    numbers.add(p.path("containerPort").asInt(-1));
                                                }));
        Pod pod = new Pod(strings(template.at("/metadata/labels")), names, numbers);
        pod.labels()
                .forEach(
                        (key, value) ->
                                byLabel.computeIfAbsent(
                                                key(m.namespace(), key, value),
                                                k -> new ArrayList<>())
                                        .add(pod));
    }

    /**
     * The problems of a Service whose selector matches no pod template of the cluster, or whose
     * target ports none of the selected containers has.
     */
    void checkService(Service service, List<ValidationProblem> problems) {
        Map<String, String> selector = service.selector();
        if (selector.isEmpty()) {
            return;
        }
        List<Pod> pods = select(service.namespace(), selector);
        if (pods.isEmpty()) {
            problems.add(
                    new ValidationProblem(
                            service.file(),
                            service.id(),
                            "/spec/selector",
                            "expected to select a pod template of this cluster, got "
                                    + selector
                                    + ", which selects none"));
            return;
        }
        Set<String> names = new TreeSet<>();
        Set<Integer> numbers = new TreeSet<>();
        pods.forEach(
                p -> {
                    names.addAll(p.portNames());
                    numbers.addAll(p.ports());
                });
        int i = 0;
        for (JsonNode target : service.targets()) {
            boolean found =
                    target.isString()
                            ? names.contains(target.asString())
                            : numbers.contains(target.asInt());
            if (!found) {
                problems.add(
                        new ValidationProblem(
                                service.file(),
                                service.id(),
                                "/spec/ports/" + i + "/targetPort",
                                "expected a port of the selected containers (names "
                                        + names
                                        + ", numbers "
                                        + numbers
                                        + "), got "
                                        + target.asString()));
            }
            i++;
        }
    }

    /** The templates in {@code namespace} whose labels include every entry of {@code selector}. */
    private List<Pod> select(String namespace, Map<String, String> selector) {
        @Nullable List<Pod> fewest = null;
        for (Map.Entry<String, String> e : selector.entrySet()) {
            List<Pod> candidates =
                    byLabel.getOrDefault(key(namespace, e.getKey(), e.getValue()), List.of());
            if (fewest == null || candidates.size() < fewest.size()) {
                fewest = candidates;
            }
        }
        List<Pod> selected = new ArrayList<>();
        if (fewest != null) {
            for (Pod pod : fewest) {
                if (pod.labels().entrySet().containsAll(selector.entrySet())) {
                    selected.add(pod);
                }
            }
        }
        return selected;
    }

    private static String key(String namespace, String label, String value) {
        return namespace + "\u0000" + label + "\u0000" + value;
    }

    /** The string values of an object by key ({@code matchLabels}, {@code labels}), sorted. */
    static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new TreeMap<>();
        if (node instanceof ObjectNode object) {
            object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString("")));
        }
        return map;
    }
}
