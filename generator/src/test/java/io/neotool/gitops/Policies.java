package io.neotool.gitops;

import io.neotool.gitops.output.OutputTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The NetworkPolicies of a generated tree evaluated the way the network plugin does: a pod is
 * isolated in a direction when a policy of its namespace selects it for that direction, and then
 * only the union of the selecting policies' rules lets a connection through. Selectors are matched
 * on labels ({@code matchLabels} and {@code matchExpressions}), never on policy names, so that a
 * test says what can connect, whatever the layout of the policies.
 */
public final class Policies {
    /** A pod: its namespace and labels. */
    public record Pod(String namespace, Map<String, String> labels) {
        public static Pod of(String namespace, String... keyValues) {
            Map<String, String> labels = new TreeMap<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                labels.put(keyValues[i], keyValues[i + 1]);
            }
            return new Pod(namespace, labels);
        }

        /** A pod of a workload the generator writes: its name, instance and part-of labels. */
        public static Pod workload(String namespace, String name) {
            return of(
                    namespace,
                    "app.kubernetes.io/instance",
                    name,
                    "app.kubernetes.io/name",
                    name,
                    "app.kubernetes.io/part-of",
                    "neotool");
        }
    }

    private final List<JsonNode> policies = new ArrayList<>();

    public Policies(OutputTree tree) {
        tree.files()
                .forEach(
                        (path, file) -> {
                            if (path.contains("/networkpolicy-")) {
                                policies.add(Trees.read(file.text()));
                            }
                        });
    }

    /** Whether {@code from} may open a TCP connection to {@code port} of {@code to}. */
    public boolean allows(Pod from, Pod to, int port) {
        return direction(from, to, port, "Egress", "egress", "to")
                && direction(to, from, port, "Ingress", "ingress", "from");
    }

    private boolean direction(
            Pod self, Pod other, int port, String type, String rulesKey, String peersKey) {
        boolean isolated = false;
        for (JsonNode policy : policies) {
            String namespace = policy.at("/metadata/namespace").asString();
            if (!namespace.equals(self.namespace())
                    || !selects(policy.at("/spec/podSelector"), self.labels())
                    || !types(policy).contains(type)) {
                continue;
            }
            isolated = true;
            for (JsonNode rule : policy.at("/spec/" + rulesKey)) {
                if (ports(rule, port) && peers(rule.path(peersKey), namespace, other)) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    private static List<String> types(JsonNode policy) {
        List<String> types = new ArrayList<>();
        policy.at("/spec/policyTypes").forEach(t -> types.add(t.asString()));
        return types;
    }

    private static boolean ports(JsonNode rule, int port) {
        if (rule.path("ports").isEmpty()) {
            return true;
        }
        for (JsonNode p : rule.path("ports")) {
            if (p.path("port").asInt() == port
                    && p.path("protocol").asString("TCP").equals("TCP")) {
                return true;
            }
        }
        return false;
    }

    private static boolean peers(JsonNode peers, String policyNamespace, Pod other) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode peer : peers) {
            if (peer.has("ipBlock")) {
                continue; // pods are not matched by address here
            }
            boolean namespaceOk =
                    peer.has("namespaceSelector")
                            ? selects(
                                    peer.path("namespaceSelector"),
                                    Map.of("kubernetes.io/metadata.name", other.namespace()))
                            : other.namespace().equals(policyNamespace);
            boolean podOk =
                    !peer.has("podSelector") || selects(peer.path("podSelector"), other.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    /** Whether a label selector matches {@code labels} (an empty selector matches all). */
    public static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (var e : selector.path("matchLabels").properties()) {
            if (!e.getValue().asString().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode r : selector.path("matchExpressions")) {
            String value = labels.get(r.path("key").asString());
            List<String> values = new ArrayList<>();
            r.path("values").forEach(v -> values.add(v.asString()));
            boolean ok =
                    switch (r.path("operator").asString()) {
                        case "In" -> value != null && values.contains(value);
                        case "NotIn" -> value == null || !values.contains(value);
                        case "Exists" -> value != null;
                        case "DoesNotExist" -> value == null;
                        default -> throw new IllegalArgumentException(r.toString());
                    };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
