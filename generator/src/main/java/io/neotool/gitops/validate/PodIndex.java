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
            Pod made = operatorPod(m);
            if (made != null) {
                index(m.namespace(), made);
            }
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
        index(m.namespace(), new Pod(strings(template.at("/metadata/labels")), names, numbers));
    }

    private void index(String namespace, Pod pod) {
        pod.labels()
                .forEach(
                        (key, value) ->
                                byLabel.computeIfAbsent(
                                                key(namespace, key, value), k -> new ArrayList<>())
                                        .add(pod));
    }

    /**
     * The pods an operator makes from a custom resource that has no pod template, where a Service
     * of the tree selects them: a Strimzi {@code KafkaNodePool}'s, with the labels Strimzi gives
     * them and Kafka's ports (KRaft controllers 9090, replication 9091, the client listeners from
     * 9092, its agent 8443).
     */
    private static @Nullable Pod operatorPod(Manifest m) {
        if (!m.kind().equals("KafkaNodePool") || !m.group().equals("kafka.strimzi.io")) {
            return null;
        }
        String cluster = m.at("/metadata/labels").path("strimzi.io/cluster").asString("");
        Map<String, String> labels = new java.util.TreeMap<>();
        labels.put("strimzi.io/cluster", cluster);
        labels.put("strimzi.io/kind", "Kafka");
        labels.put("strimzi.io/name", cluster + "-kafka");
        labels.put("strimzi.io/pool-name", m.name());
        for (JsonNode role : m.at("/spec/roles")) {
            labels.put("strimzi.io/" + role.asString() + "-role", "true");
        }
        return new Pod(labels, Set.of(), Set.of(9090, 9091, 9092, 9093, 9094, 8443));
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
