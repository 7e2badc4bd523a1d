package io.neotool.gitops.components.kafka;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.CustomResources;
import io.neotool.gitops.platform.Workloads;
import io.neotool.gitops.render.CanonicalYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Kafka for {@code ha}: a Strimzi {@code Kafka} named {@value KafkaComponent#SERVICE} in KRaft mode
 * with a {@code KafkaNodePool} of three nodes that are each controller and broker (one per node of
 * the cluster), the Service {@code kafka} the apps bootstrap from as on one node, every topic
 * replicated three times with two in sync required, the apps' topics as {@code KafkaTopic} objects
 * the topic operator creates (in place of the topics Job), and Strimzi's own kafka_exporter.
 * Kafka's version is the config's image tag; Strimzi runs its own image of it.
 */
final class KafkaCluster {
    private KafkaCluster() {}

    /** The node pool: its pods are {@code kafka-nodes-0..2}. */
    static final String POOL = "nodes";

    static final int NODES = 3;
    static final int MIN_IN_SYNC = 2;

    /** Strimzi's internal listeners: KRaft's controllers, replication, and its agent's state. */
    static final int CONTROL_PORT = 9090;

    static final int REPLICATION_PORT = 9091;
    static final int AGENT_PORT = 8443;

    /** Strimzi's kafka_exporter's metrics port. */
    static final int EXPORTER_PORT = 9404;

    /** The bootstrap Service Strimzi makes for clients. */
    static final String BOOTSTRAP = KafkaNames.SERVICE + "-kafka-bootstrap";

    static final String ENTITY_OPERATOR = KafkaNames.SERVICE + "-entity-operator";
    static final String EXPORTER = KafkaNames.SERVICE + "-kafka-exporter";

    /** Kafka's pods, by the labels Strimzi gives them. */
    static Map<String, String> brokers() {
        return new TreeMap<>(
                Map.of(
                        "strimzi.io/cluster",
                        KafkaNames.SERVICE,
                        "strimzi.io/name",
                        KafkaNames.SERVICE + "-kafka"));
    }

    static List<HasMetadata> objects(Context context, KafkaSettings k, SortedSet<String> topics) {
        EnvironmentConfig config = context.config();
        String version = ImageRef.of(k.image()).tag();
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("replicas", NODES);
        pool.put("roles", List.of("controller", "broker"));
        pool.put(
                "storage",
                Map.of(
                        "type",
                        "jbod",
                        "volumes",
                        List.of(
                                Map.of(
                                        "id",
                                        0,
                                        "type",
                                        "persistent-claim",
                                        "size",
                                        k.storage(),
                                        "class",
                                        config.cluster().storageClass(),
                                        "deleteClaim",
                                        false,
                                        "kraftMetadata",
                                        "shared"))));
        pool.put("resources", tree(k));
        pool.put("jvmOptions", jvm(k.heapOpts()));
        pool.put(
                "template",
                Map.of(
                        "pod",
                        Map.of(
                                "affinity",
                                Map.of(
                                        "podAntiAffinity",
                                        Map.of(
                                                "requiredDuringSchedulingIgnoredDuringExecution",
                                                List.of(
                                                        Map.of(
                                                                "topologyKey",
                                                                "kubernetes.io/hostname",
                                                                "labelSelector",
                                                                Map.of(
                                                                        "matchLabels",
                                                                        brokers()))))))));
        GenericKubernetesResource nodePool = resource(context, "KafkaNodePool", POOL, pool);
        nodePool.getMetadata().getLabels().put("strimzi.io/cluster", KafkaNames.SERVICE);

        Map<String, Object> settings = new TreeMap<>();
        settings.put("default.replication.factor", NODES);
        settings.put("min.insync.replicas", MIN_IN_SYNC);
        settings.put("offsets.topic.replication.factor", NODES);
        settings.put("transaction.state.log.replication.factor", NODES);
        settings.put("transaction.state.log.min.isr", MIN_IN_SYNC);
        settings.put("num.partitions", k.defaultPartitions());
        settings.put("auto.create.topics.enable", false);
        Map<String, Object> kafka = new LinkedHashMap<>();
        kafka.put("version", version);
        kafka.put("metadataVersion", metadataVersion(version));
        kafka.put(
                "listeners",
                List.of(
                        Map.of(
                                "name",
                                "plain",
                                "port",
                                KafkaNames.PORT,
                                "type",
                                "internal",
                                "tls",
                                false)));
        kafka.put("config", settings);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kafka", kafka);
        spec.put(
                "entityOperator",
                Map.of("topicOperator", Map.of("resources", operatorResources())));
        if (context.scraped()) {
            spec.put(
                    "kafkaExporter",
                    Map.of(
                            "topicRegex",
                            ".*",
                            "groupRegex",
                            ".*",
                            "resources",
                            operatorResources(),
                            "template",
                            Map.of(
                                    "pod",
                                    Map.of(
                                            "metadata",
                                            Map.of(
                                                    "annotations",
                                                    Workloads.scrapeAnnotations(
                                                            EXPORTER_PORT, "/metrics"))))));
        }
        GenericKubernetesResource cluster = resource(context, "Kafka", KafkaNames.SERVICE, spec);
        cluster.getMetadata()
                .setAnnotations(
                        new TreeMap<>(
                                Map.of(
                                        "strimzi.io/node-pools", "enabled",
                                        "strimzi.io/kraft", "enabled")));
        var service = KafkaClusterPaths.service();
        List<HasMetadata> objects = new ArrayList<>(List.of(nodePool, cluster, service));
        for (String topic : topics) {
            objects.add(KafkaTopics.topic(context, topic, k));
        }
        return objects;
    }

    /** The metadata version of a Kafka release: its major.minor at the newest IV Strimzi knows. */
    static String metadataVersion(String version) {
        String minor = version.replaceFirst("^(\\d+\\.\\d+).*$", "$1");
        return switch (minor) {
            case "3.7" -> "3.7-IV4";
            case "3.8" -> "3.8-IV0";
            default -> minor;
        };
    }

    /** {@code -Xms1g -Xmx1g} as Strimzi's jvmOptions. */
    static Map<String, Object> jvm(String heapOpts) {
        Map<String, Object> options = new TreeMap<>();
        for (String option : java.util.regex.Pattern.compile("\\s+").split(heapOpts.trim(), -1)) {
            if (option.startsWith("-Xms")) {
                options.put("-Xms", option.substring(4));
            } else if (option.startsWith("-Xmx")) {
                options.put("-Xmx", option.substring(4));
            }
        }
        return options;
    }

    private static Object tree(KafkaSettings k) {
        return Objects.requireNonNull(CanonicalYaml.tree(Workloads.resources(k.resources())));
    }

    private static Object operatorResources() {
        return Objects.requireNonNull(
                CanonicalYaml.tree(
                        Workloads.resources(
                                io.neotool.gitops.config.Resources.of(
                                        "50m", "256Mi", "500m", "512Mi"))));
    }

    static GenericKubernetesResource resource(
            Context context, String kind, String name, Map<String, Object> spec) {
        // Strimzi copies these to what it makes: only labels it does not set itself
        return CustomResources.of(
                context,
                "kafka.strimzi.io/v1beta2",
                kind,
                name,
                Map.of(
                        "app.kubernetes.io/part-of",
                        Context.PART_OF,
                        "app.kubernetes.io/component",
                        "message-broker"),
                spec);
    }
}
