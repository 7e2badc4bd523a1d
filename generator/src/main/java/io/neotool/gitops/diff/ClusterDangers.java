package io.neotool.gitops.diff;

import io.neotool.gitops.config.Annotations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * The dangers a change holds for what lives beyond the objects: databases and topics no longer
 * declared (their data stays on the server, no longer backed up or created), consumer groups left
 * behind (committed offsets abandoned), public hosts no longer served, and the Vault policy script
 * someone must run after the merge. Read from what the trees before and after declare, cluster by
 * cluster, so a rename reads as one name gone and another new.
 */
final class ClusterDangers {
    private static final String VAULT_SCRIPT = "vault-policies.sh";

    private ClusterDangers() {}

    /**
     * What a cluster declares, read from its objects (name to declaring object), and what it means
     * when a name is no longer declared.
     */
    private record Declared(
            Danger.Kind kind,
            Function<List<JsonNode>, Map<String, String>> read,
            UnaryOperator<String> reason,
            UnaryOperator<String> action) {}

    private static final List<Declared> DECLARED =
            List.of(
                    new Declared(
                            Danger.Kind.DATA_LOSS,
                            ClusterDangers::databases,
                            name ->
                                    "database '"
                                            + name
                                            + "' is no longer declared: it stays on the PostgreSQL server with its data, "
                                            + "but the daily backup no longer dumps it and its owner's password is no longer set from Vault",
                            name ->
                                    "if it was renamed, rename it on the server before the merge (ALTER DATABASE); "
                                            + "if it is retired, keep its last dump, then DROP DATABASE \""
                                            + name
                                            + "\" by hand"),
                    new Declared(
                            Danger.Kind.MESSAGES,
                            ClusterDangers::topics,
                            name ->
                                    "topic '"
                                            + name
                                            + "' is no longer declared: it stays on the broker with its messages (the topics Job only creates)",
                            name ->
                                    "once no app reads it: kafka-topics.sh --bootstrap-server kafka:9092 --delete --topic "
                                            + name),
                    new Declared(
                            Danger.Kind.MESSAGES,
                            ClusterDangers::consumerGroups,
                            name ->
                                    "consumer group '"
                                            + name
                                            + "' is no longer used: its committed offsets are abandoned, and an app renamed "
                                            + "reads as a new group from the latest offsets, skipping what was published meanwhile",
                            name ->
                                    "to keep reading where it stopped, set uses.consumerGroup: "
                                            + name
                                            + " on the renamed app"),
                    new Declared(
                            Danger.Kind.OUTAGE,
                            ClusterDangers::hosts,
                            name ->
                                    "public host "
                                            + name
                                            + " is no longer served: its users get 404 from the ingress, and its DNS record still points here",
                            name ->
                                    "redirect or announce it first; remove the DNS record after the merge"));

    static List<Danger> of(
            Map<String, List<JsonNode>> before,
            Map<String, List<JsonNode>> after,
            SortedMap<String, String> filesBefore,
            SortedMap<String, String> filesAfter) {
        List<Danger> dangers = new ArrayList<>();
        Set<String> clusters = new TreeSet<>(before.keySet());
        clusters.addAll(after.keySet());
        for (String cluster : clusters) {
            List<JsonNode> was = before.getOrDefault(cluster, List.of());
            List<JsonNode> is = after.getOrDefault(cluster, List.of());
            TopologyDangers.of(cluster, was, is, dangers);
            for (Declared declared : DECLARED) {
                gone(was, is, declared.read())
                        .forEach(
                                (name, object) ->
                                        dangers.add(
                                                new Danger(
                                                        declared.kind(),
                                                        cluster,
                                                        object,
                                                        declared.reason().apply(name),
                                                        declared.action().apply(name))));
            }
        }
        vaultScript(filesBefore, filesAfter, after, dangers);
        return dangers;
    }

    /** What {@code before} declares and {@code after} no longer does, name to declaring object. */
    private static Map<String, String> gone(
            List<JsonNode> before,
            List<JsonNode> after,
            Function<List<JsonNode>, Map<String, String>> declared) {
        Map<String, String> gone = new TreeMap<>(declared.apply(before));
        gone.keySet().removeAll(declared.apply(after).keySet());
        return gone;
    }

    private static Map<String, String> databases(List<JsonNode> docs) {
        return annotated(docs, Annotations.DATABASES);
    }

    /** The topics Job's (one node) and the KafkaTopics' (Strimzi, three nodes). */
    private static Map<String, String> topics(List<JsonNode> docs) {
        Map<String, String> topics = annotated(docs, Annotations.TOPICS);
        for (JsonNode doc : docs) {
            if (doc.path("kind").asString("").equals("KafkaTopic")) {
                topics.putIfAbsent(
                        doc.at("/spec/topicName").asString(doc.at("/metadata/name").asString()),
                        DiffPaths.name("", doc));
            }
        }
        return topics;
    }

    private static Map<String, String> annotated(List<JsonNode> docs, String annotation) {
        Map<String, String> names = new TreeMap<>();
        for (JsonNode doc : docs) {
            String list = doc.at("/metadata/annotations").path(annotation).asString("");
            for (String name : list.split(",", -1)) {
                if (!name.isBlank()) {
                    names.putIfAbsent(name.strip(), DiffPaths.name("", doc));
                }
            }
        }
        return names;
    }

    private static Map<String, String> consumerGroups(List<JsonNode> docs) {
        Map<String, String> groups = new TreeMap<>();
        for (JsonNode doc : docs) {
            for (JsonNode container : doc.at("/spec/template/spec/containers")) {
                for (JsonNode env : container.path("env")) {
                    if (env.path("name").asString("").equals("KAFKA_CONSUMER_GROUP")) {
                        groups.putIfAbsent(env.path("value").asString(""), DiffPaths.name("", doc));
                    }
                }
            }
        }
        groups.remove("");
        return groups;
    }

    /** Hosts a cluster serves: Ingress rules, Certificates, and charts' ingress values. */
    private static Map<String, String> hosts(List<JsonNode> docs) {
        Map<String, String> hosts = new TreeMap<>();
        for (JsonNode doc : docs) {
            String object = DiffPaths.name("", doc);
            BiConsumer<JsonNode, String> add =
                    (node, unused) -> {
                        if (node.isString() && node.asString().contains(".")) {
                            hosts.putIfAbsent(node.asString(), object);
                        }
                    };
            switch (doc.path("kind").asString("")) {
                case "Ingress" ->
                        doc.at("/spec/rules").forEach(r -> add.accept(r.path("host"), ""));
                case "Certificate" -> doc.at("/spec/dnsNames").forEach(h -> add.accept(h, ""));
                case "HelmRelease" -> ingressHosts(doc.at("/spec/values"), false, add);
                default -> {}
            }
        }
        return hosts;
    }

    private static void ingressHosts(
            JsonNode node, boolean inIngress, BiConsumer<JsonNode, String> add) {
        if (node.isObject()) {
            for (var field : node.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                boolean ingress =
                        inIngress || key.toLowerCase(java.util.Locale.ROOT).contains("ingress");
                if (ingress && key.equals("host")) {
                    add.accept(value, key);
                } else if (ingress && key.equals("hosts") && value.isArray()) {
                    value.forEach(h -> add.accept(h.isObject() ? h.path("host") : h, key));
                } else {
                    ingressHosts(value, ingress, add);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> ingressHosts(n, inIngress, add));
        }
    }

    /** The Vault policy script changed: it runs by hand, so the review says how. */
    private static void vaultScript(
            SortedMap<String, String> before,
            SortedMap<String, String> after,
            Map<String, List<JsonNode>> objects,
            List<Danger> dangers) {
        for (Map.Entry<String, String> file : after.entrySet()) {
            String path = file.getKey();
            if (!path.startsWith("clusters/") || !path.endsWith("/" + VAULT_SCRIPT)) {
                continue;
            }
            if (file.getValue().equals(before.get(path))) {
                continue;
            }
            String cluster = DiffPaths.cluster(path);
            String namespace =
                    objects.getOrDefault(cluster, List.of()).stream()
                            .filter(d -> d.path("kind").asString("").equals("Namespace"))
                            .map(d -> d.at("/metadata/name").asString(""))
                            .filter(n -> !n.equals("flux-system") && !n.isEmpty())
                            .findFirst()
                            .orElse("<namespace>");
            dangers.add(
                    new Danger(
                            Danger.Kind.MANUAL,
                            cluster,
                            "file " + path,
                            (before.containsKey(path) ? "changed" : "new")
                                    + ": Vault's roles and policies are not applied by Flux, and a workload whose role "
                                    + "or policy is missing waits for its secrets",
                            "after merging, run: kubectl -n "
                                    + namespace
                                    + " exec -i vault-0 -- env VAULT_TOKEN=<a token allowed to write policies> sh -s < "
                                    + path));
        }
    }
}
