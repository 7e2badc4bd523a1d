package io.neotool.gitops.diff;

import io.neotool.gitops.config.TopologyMove;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The moves of data a change of topology makes in one cluster: PostgreSQL's StatefulSet replaced by
 * a CloudNativePG Cluster of the same name, Kafka's by a Strimzi Kafka; and back, the operators'
 * objects removed. Each is named with its procedure ({@link TopologyMove}); the plain "removed"
 * danger of the same object is then left out by {@link SemanticDiff}.
 */
final class TopologyDangers {
    private TopologyDangers() {}

    /** The reason every move danger starts with, by which the plain one is recognised. */
    static final String MOVE = "moves to three nodes: ";

    static void of(
            String cluster, List<JsonNode> before, List<JsonNode> after, List<Danger> dangers) {
        JsonNode postgres = find(before, "apps/v1", "StatefulSet", "postgres");
        JsonNode kafka = find(before, "apps/v1", "StatefulSet", "kafka");
        if (postgres != null
                && find(after, "postgresql.cnpg.io/v1", "Cluster", "postgres") != null) {
            String ns = postgres.at("/metadata/namespace").asString("<namespace>");
            dangers.add(
                    new Danger(
                            Danger.Kind.DATA_LOSS,
                            cluster,
                            DiffPaths.name("", postgres),
                            MOVE
                                    + "PostgreSQL becomes the CloudNativePG Cluster postgres, which starts empty; the StatefulSet's data is not carried over by itself",
                            steps(TopologyMove.postgres(ns, writers(after), hasBackups(after)))));
        }
        if (kafka != null && find(after, "kafka.strimzi.io/v1beta2", "Kafka", "kafka") != null) {
            String ns = kafka.at("/metadata/namespace").asString("<namespace>");
            dangers.add(
                    new Danger(
                            Danger.Kind.MESSAGES,
                            cluster,
                            DiffPaths.name("", kafka),
                            MOVE
                                    + "Kafka becomes the Strimzi Kafka kafka on three new nodes: the topics are recreated empty, and the messages and consumer offsets on the old broker are abandoned unless drained first",
                            steps(TopologyMove.kafka(ns, users(after, "KAFKA_TOPICS")))));
        }
    }

    private static String steps(List<String> steps) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(i + 1).append(". ").append(steps.get(i));
        }
        return text.toString();
    }

    private static @Nullable JsonNode find(
            List<JsonNode> docs, String api, String kind, String name) {
        for (JsonNode doc : docs) {
            if (doc.path("apiVersion").asString("").equals(api)
                    && doc.path("kind").asString("").equals(kind)
                    && doc.at("/metadata/name").asString("").equals(name)) {
                return doc;
            }
        }
        return null;
    }

    /** The apps that log in to a database, and Unleash. */
    private static List<String> writers(List<JsonNode> docs) {
        List<String> writers = users(docs, "DATABASE_NAME");
        if (find(docs, "helm.toolkit.fluxcd.io/v2", "HelmRelease", "unleash") != null) {
            writers.add("unleash");
            writers.sort(null);
        }
        return writers;
    }

    /** The Deployments whose containers are given {@code variable}: the apps that use a service. */
    private static List<String> users(List<JsonNode> docs, String variable) {
        TreeSet<String> users = new TreeSet<>();
        for (JsonNode doc : docs) {
            if (!doc.path("kind").asString("").equals("Deployment")) {
                continue;
            }
            for (JsonNode container : doc.at("/spec/template/spec/containers")) {
                for (JsonNode env : container.path("env")) {
                    if (env.path("name").asString("").equals(variable)) {
                        users.add(doc.at("/metadata/name").asString(""));
                    }
                }
            }
        }
        return new ArrayList<>(users);
    }

    private static boolean hasBackups(List<JsonNode> docs) {
        return find(docs, "batch/v1", "CronJob", "database-backup") != null;
    }

    /**
     * A CloudNativePG Cluster or a Strimzi node pool removed: the operator takes the data along.
     */
    static Danger operatorRemoved(String kind, String cluster, String object) {
        return new Danger(
                Danger.Kind.DATA_LOSS,
                cluster,
                object,
                "removed: Flux deletes it, and its operator deletes the instances it runs ("
                        + ("Cluster".equals(kind)
                                ? "CloudNativePG deletes their volumes with them"
                                : "Strimzi keeps their volumes, deleteClaim false")
                        + "); going back to one node starts an empty server",
                "take a backup first and restore it on the one node (the runbook's restore), or keep cluster.topology: ha");
    }
}
