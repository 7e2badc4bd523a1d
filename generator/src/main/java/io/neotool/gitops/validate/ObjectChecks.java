package io.neotool.gitops.validate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The rules every object of a cluster follows, beyond its schema. */
final class ObjectChecks {
    private static final Set<String> LONG_RUNNING =
            Set.of("Deployment", "StatefulSet", "DaemonSet");
    private static final Set<String> LABEL_NAMED = Set.of("Service", "Namespace");

    private final Manifest m;
    private final @Nullable ClusterRules rules;
    private final List<ValidationProblem> problems;

    ObjectChecks(Manifest m, @Nullable ClusterRules rules, List<ValidationProblem> problems) {
        this.m = m;
        this.rules = rules;
        this.problems = problems;
    }

    /** The checks of the object on its own (a Service's ports are checked by {@link PodIndex}). */
    void run() {
        names();
        selector();
        containers();
        storage();
        if (m.kind().equals("Ingress")) {
            hosts();
        }
    }

    private void problem(String pointer, String message) {
        problems.add(new ValidationProblem(m.file(), m.id(), pointer, message));
    }

    private void names() {
        String name = m.name();
        boolean label = LABEL_NAMED.contains(m.kind());
        if (!(label ? TreeValidator.DNS_LABEL : TreeValidator.DNS_SUBDOMAIN)
                .matcher(name)
                .matches()) {
            problem(
                    "/metadata/name",
                    "expected a DNS-1123 "
                            + (label ? "label" : "subdomain")
                            + ", got '"
                            + name
                            + "'");
        }
        String namespace = m.namespace();
        if (!namespace.isEmpty() && !TreeValidator.DNS_LABEL.matcher(namespace).matches()) {
            problem("/metadata/namespace", "expected a DNS-1123 label, got '" + namespace + "'");
        }
    }

    private void selector() {
        JsonNode template = PodTemplates.podTemplate(m.object());
        if (template.isMissingNode() || m.kind().equals("CronJob") || m.kind().equals("Job")) {
            return;
        }
        Map<String, String> selector = PodIndex.strings(m.at("/spec/selector/matchLabels"));
        Map<String, String> labels = PodIndex.strings(template.at("/metadata/labels"));
        if (selector.isEmpty() || !labels.entrySet().containsAll(selector.entrySet())) {
            problem(
                    "/spec/selector/matchLabels",
                    "expected labels that the pod template carries "
                            + labels
                            + ", got "
                            + selector);
        }
    }

    private void containers() {
        JsonNode template = PodTemplates.podTemplate(m.object());
        if (template.isMissingNode()) {
            return;
        }
        String spec = PodTemplates.podSpecPointer(m.object());
        boolean exempt = m.at("/metadata/annotations").has(TreeValidator.PROBES_EXEMPT);
        for (String field : List.of("initContainers", "containers")) {
            int i = 0;
            for (JsonNode c : template.path("spec").path(field)) {
                String at = spec + "/" + field + "/" + i++;
                String name = c.path("name").asString("");
                for (String part : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (c.at("/resources/" + part + "/" + resource).isMissingNode()) {
                            problems.add(
                                    new ValidationProblem(
                                            m.file(),
                                            m.id(),
                                            at + "/resources/" + part + "/" + resource,
                                            "container '"
                                                    + name
                                                    + "' has no "
                                                    + resource
                                                    + " "
                                                    + part.substring(0, part.length() - 1)));
                        }
                    }
                }
                if (field.equals("containers") && LONG_RUNNING.contains(m.kind()) && !exempt) {
                    for (String probe : List.of("readinessProbe", "livenessProbe")) {
                        if (c.path(probe).isMissingNode()) {
                            problems.add(
                                    new ValidationProblem(
                                            m.file(),
                                            m.id(),
                                            at + "/" + probe,
                                            "container '"
                                                    + name
                                                    + "' has no "
                                                    + probe
                                                    + " (or annotate the workload "
                                                    + TreeValidator.PROBES_EXEMPT
                                                    + ": <reason>)"));
                        }
                    }
                }
                String image = c.path("image").asString("");
                String tag = PodTemplates.tag(image);
                if (!image.contains("@sha256:") && (tag == null || tag.equals("latest"))) {
                    problems.add(
                            new ValidationProblem(
                                    m.file(),
                                    m.id(),
                                    at + "/image",
                                    "expected an image pinned to a version or digest, got '"
                                            + image
                                            + "'"));
                }
            }
        }
    }

    private void storage() {
        if (rules == null) {
            return;
        }
        if (m.kind().equals("StatefulSet")) {
            int i = 0;
            for (JsonNode claim : m.at("/spec/volumeClaimTemplates")) {
                claimClass(
                        claim.path("spec"),
                        "/spec/volumeClaimTemplates/" + i++ + "/spec/storageClassName");
            }
        }
        if (m.kind().equals("PersistentVolumeClaim")) {
            claimClass(m.at("/spec"), "/spec/storageClassName");
        }
    }

    private void claimClass(JsonNode spec, String pointer) {
        ClusterRules rules = this.rules;
        if (rules == null) {
            return;
        }
        String storageClass = spec.path("storageClassName").asString("");
        if (!storageClass.equals(rules.storageClass())) {
            problem(
                    pointer,
                    "expected the storage class '"
                            + rules.storageClass()
                            + "', got '"
                            + storageClass
                            + "'");
        }
    }

    private void hosts() {
        if (rules == null) {
            return;
        }
        int i = 0;
        for (JsonNode rule : m.at("/spec/rules")) {
            String host = rule.path("host").asString("");
            if (!host.equals(rules.domain()) && !host.endsWith("." + rules.domain())) {
                problem(
                        "/spec/rules/" + i + "/host",
                        "expected a host under the cluster domain '"
                                + rules.domain()
                                + "', got '"
                                + host
                                + "'");
            }
            i++;
        }
    }
}
