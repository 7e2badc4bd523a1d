package io.neotool.gitops.components.kafka;

import io.neotool.gitops.platform.Context;
import java.util.Map;
import java.util.TreeMap;

/**
 * The single broker's settings, as the apache/kafka image reads them from its environment: one
 * KRaft node that is broker and controller at once, every replication factor 1, topics created only
 * by the topics Job.
 */
final class KafkaBroker {
    private KafkaBroker() {}

    /** The image's environment for the broker whose advertised name is {@code node}. */
    static Map<String, String> env(KafkaSettings k, String node) {
        int port = KafkaNames.PORT;
        int controllerPort = KafkaNames.CONTROLLER_PORT;
        Map<String, String> env = new TreeMap<>();
        env.put("CLUSTER_ID", k.clusterId());
        env.put("KAFKA_NODE_ID", "1");
        env.put("KAFKA_PROCESS_ROLES", "broker,controller");
        env.put("KAFKA_LISTENERS", "PLAINTEXT://:" + port + ",CONTROLLER://:" + controllerPort);
        env.put("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + node + ":" + port);
        env.put("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@" + node + ":" + controllerPort);
        env.put("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
        env.put("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT");
        env.put("KAFKA_LOG_DIRS", KafkaNames.DATA + "/logs");
        env.put("KAFKA_NUM_PARTITIONS", String.valueOf(k.defaultPartitions()));
        env.put("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        env.put("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
        env.put("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1");
        env.put("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        env.put("KAFKA_DEFAULT_REPLICATION_FACTOR", "1");
        env.put("KAFKA_MIN_INSYNC_REPLICAS", "1");
        env.put("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        env.put("KAFKA_HEAP_OPTS", k.heapOpts());
        env.put("LOG_DIR", "/tmp/kafka-logs");
        return env;
    }

    /** The broker, the topics Job and the exporter, by their labels. */
    static java.util.Map<String, java.util.Map<String, String>> workloads(
            io.neotool.gitops.config.EnvironmentConfig config) {
        java.util.Map<String, java.util.Map<String, String>> workloads = new java.util.TreeMap<>();
        workloads.put(KafkaNames.SERVICE, Context.selector(KafkaNames.SERVICE));
        workloads.put(KafkaNames.TOPICS_JOB, Context.selector(KafkaNames.TOPICS_JOB));
        if (config.infrastructure()
                .enabled(io.neotool.gitops.components.prometheus.PrometheusSettings.class)) {
            workloads.put(KafkaExporter.NAME, Context.selector(KafkaExporter.NAME));
        }
        return workloads;
    }

    /**
     * The broker talks to itself (KRaft controller and broker in one); the topics Job to the
     * broker.
     */
    static java.util.List<io.neotool.gitops.platform.Edge> edges(Context context, KafkaSettings k) {
        String kafka = KafkaNames.SERVICE;
        java.util.List<io.neotool.gitops.platform.Edge> edges =
                new java.util.ArrayList<>(
                        java.util.List.of(
                                new io.neotool.gitops.platform.Edge(kafka, kafka, KafkaNames.PORT),
                                new io.neotool.gitops.platform.Edge(
                                        kafka, kafka, KafkaNames.CONTROLLER_PORT),
                                new io.neotool.gitops.platform.Edge(
                                        KafkaNames.TOPICS_JOB, kafka, KafkaNames.PORT)));
        edges.addAll(KafkaExporter.edges(context, k));
        return edges;
    }
}
