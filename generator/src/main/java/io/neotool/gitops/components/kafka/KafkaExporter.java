package io.neotool.gitops.components.kafka;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.monitoring.Alert;
import io.neotool.gitops.monitoring.Dashboard;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.Exporters;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.Scrape;
import io.neotool.gitops.platform.Workloads;
import java.util.List;
import java.util.Map;

/**
 * kafka_exporter (danielqsj), a Deployment of its own that reads the broker as a client: the
 * brokers it sees ({@code kafka_brokers}), the topics' offsets and each consumer group's lag per
 * topic and partition ({@code kafka_consumergroup_lag}). The image runs as {@code nobody}.
 */
final class KafkaExporter {
    static final int PORT = 9308;

    static final String NAME = "kafka-exporter";

    private KafkaExporter() {}

    static List<HasMetadata> objects(Context context, KafkaSettings k) {
        String image = k.exporterImage();
        if (!context.scraped()) {
            return List.of();
        }
        Map<String, String> labels = Context.labels(NAME, "metrics");
        var container =
                Exporters.base("kafka-exporter", image, PORT)
                        .withArgs(
                                "--kafka.server=" + KafkaNames.SERVICE + ":" + KafkaNames.PORT,
                                "--kafka.version=" + ImageRef.of(k.image()).tag())
                        .build();
        var deployment =
                new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(NAME)
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .withNewSelector()
                        .withMatchLabels(Context.selector(NAME))
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(labels)
                        .withAnnotations(Exporters.annotations(PORT))
                        .endMetadata()
                        .withNewSpec()
                        .withServiceAccountName(NAME)
                        .withAutomountServiceAccountToken(false)
                        .withEnableServiceLinks(false)
                        .withSecurityContext(PodSecurity.pod(null))
                        .withContainers(container)
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build();
        return List.of(Workloads.serviceAccount(NAME, labels), deployment);
    }

    static List<Edge> edges(Context context, KafkaSettings k) {
        return context.scraped()
                ? List.of(
                        new Edge(NAME, KafkaNames.SERVICE, KafkaNames.PORT),
                        new Edge("prometheus", NAME, PORT))
                : List.of();
    }

    static Monitoring monitoring(Context context) {
        String series = "kafka_brokers{app_kubernetes_io_instance=\"" + NAME + "\"}";
        Alert down =
                new Alert(
                        "kafka",
                        "KafkaBrokerDown",
                        "kafka_brokers < 1 or absent(kafka_brokers)",
                        "5m",
                        Alert.Severity.CRITICAL,
                        "The Kafka broker is down",
                        "kafka_exporter has seen no broker for 5 minutes: events are not delivered. Read the logs of kafka-0.",
                        Alert.Case.of(
                                "10m", Map.of("app_kubernetes_io_instance", NAME), series, "0x15"),
                        Alert.Case.of("10m", Map.of(), series, "1x15"));
        Dashboard dashboard =
                Scrape.dashboard(
                        context,
                        KafkaNames.SERVICE,
                        "Kafka",
                        List.of(
                                Dashboard.Panel.stat("Brokers", "short", "max(kafka_brokers)"),
                                Dashboard.Panel.series(
                                        "Consumer lag by group and topic",
                                        "short",
                                        "sum by (consumergroup, topic) (kafka_consumergroup_lag)"),
                                Dashboard.Panel.series(
                                        "Messages in per second by topic",
                                        "short",
                                        "sum by (topic) (rate(kafka_topic_partition_current_offset[5m]))"),
                                Dashboard.Panel.series(
                                        "Partitions under-replicated",
                                        "short",
                                        "sum by (topic) (kafka_topic_partition_under_replicated_partition)")));
        return new Monitoring(
                List.of("kafka (kafka_exporter :" + PORT + ", a Deployment)"),
                List.of(down),
                List.of(dashboard));
    }
}
