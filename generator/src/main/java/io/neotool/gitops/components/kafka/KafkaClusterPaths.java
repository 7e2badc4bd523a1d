package io.neotool.gitops.components.kafka;

import io.neotool.gitops.components.strimzi.StrimziComponent;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pods Strimzi makes for the Kafka on three nodes, by the labels it gives them, and their
 * network paths: the nodes talk to each other (KRaft controllers, replication), the operator to
 * each node (and its agent), the topic operator and the exporter to the replication listener.
 */
final class KafkaClusterPaths {
    private KafkaClusterPaths() {}

    static Map<String, Map<String, String>> workloads(EnvironmentConfig config) {
        Map<String, Map<String, String>> workloads = new TreeMap<>();
        workloads.put(KafkaNames.SERVICE, KafkaCluster.brokers());
        workloads.put(
                KafkaCluster.ENTITY_OPERATOR,
                Map.of("strimzi.io/name", KafkaCluster.ENTITY_OPERATOR));
        workloads.put(KafkaCluster.EXPORTER, Map.of("strimzi.io/name", KafkaCluster.EXPORTER));
        return workloads;
    }

    static List<Edge> edges(Context context) {
        String kafka = KafkaNames.SERVICE;
        List<Edge> edges = new ArrayList<>();
        for (int port : List.of(KafkaCluster.CONTROL_PORT, KafkaCluster.REPLICATION_PORT)) {
            edges.add(new Edge(kafka, kafka, port));
            edges.add(new Edge(StrimziComponent.NAME, kafka, port));
        }
        edges.add(new Edge(StrimziComponent.NAME, kafka, KafkaCluster.AGENT_PORT));
        edges.add(new Edge(KafkaCluster.ENTITY_OPERATOR, kafka, KafkaCluster.REPLICATION_PORT));
        edges.add(new Edge(KafkaCluster.ENTITY_OPERATOR, Edge.API_SERVER, 443));
        edges.add(new Edge(KafkaCluster.ENTITY_OPERATOR, Edge.API_SERVER, 6443));
        if (context.scraped()) {
            edges.add(new Edge(KafkaCluster.EXPORTER, kafka, KafkaCluster.REPLICATION_PORT));
            edges.add(new Edge("prometheus", KafkaCluster.EXPORTER, KafkaCluster.EXPORTER_PORT));
        }
        return edges;
    }

    /**
     * The Service {@code kafka}: the apps' address stays kafka:9092 on any topology, over the
     * brokers' client listener (Strimzi's own is kafka-kafka-bootstrap); clients then reach each
     * broker at the address it advertises.
     */
    static io.fabric8.kubernetes.api.model.Service service() {
        Map<String, String> brokerPods = new TreeMap<>(KafkaCluster.brokers());
        brokerPods.put("strimzi.io/broker-role", "true");
        return new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata()
                .withName(KafkaNames.SERVICE)
                .withLabels(Context.labels(KafkaNames.SERVICE, "message-broker"))
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(brokerPods)
                .addNewPort()
                .withName("clients")
                .withPort(KafkaNames.PORT)
                .withNewTargetPort(KafkaNames.PORT)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }

    /** Every topic the apps declare. */
    static java.util.SortedSet<String> topics(EnvironmentConfig config) {
        java.util.SortedSet<String> topics = new java.util.TreeSet<>();
        for (io.neotool.gitops.config.AppConfig app : config.apps()) {
            topics.addAll(app.uses().kafkaTopics());
        }
        return topics;
    }
}
