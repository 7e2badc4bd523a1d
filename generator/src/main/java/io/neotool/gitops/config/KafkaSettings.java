package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Single-node Kafka in KRaft combined mode (broker and controller in one process). */
@JsonClassDescription(
        "Kafka in KRaft mode (no ZooKeeper), one broker, with its exporter and the topics Job.")
public record KafkaSettings(
        @JsonPropertyDescription(
                        "Whether the cluster runs Kafka. Leaving the key out means true; false removes everything generated for it (what uses it must then be off too).")
                Boolean enabled,
        @JsonPropertyDescription(
                        "Kafka's container image as repository:tag, the tag pinned (never latest). The generator sets it in the chart's values or the workload.")
                @JsonProperty(required = true)
                String image,
        @JsonPropertyDescription(
                        "The Prometheus exporter run for Kafka, repository:tag. Leave it out for the version this generator was tested with.")
                String exporterImage,
        @JsonPropertyDescription(
                        "Size of Kafka's persistent volume claim, a Kubernetes quantity (e.g. 50Gi), on cluster.storageClass. A claim can grow, never shrink: the review refuses a smaller size.")
                @JsonProperty(required = true)
                String storage,
        @JsonPropertyDescription(
                        "CPU and memory requests and limits of Kafka's main container; the requests are what the node reserves for it.")
                @JsonProperty(required = true)
                Resources resources,
        @JsonPropertyDescription(
                        "The KRaft cluster id the broker's storage is formatted with (22 characters of base64url, e.g. from kafka-storage random-uuid). Never change it on a running cluster.")
                @JsonProperty(required = true)
                String clusterId,
        @JsonPropertyDescription(
                        "JVM heap options of the broker (KAFKA_HEAP_OPTS). Default -Xms512m -Xmx512m; keep it well under the memory limit.")
                String heapOpts,
        @JsonPropertyDescription(
                        "Partitions of each topic the topics Job creates. Default 3. It never changes an existing topic.")
                Integer defaultPartitions,
        @JsonPropertyDescription(
                        "Pod Security controls Kafka's image cannot meet, each with the reason; they relax exactly that control for its pods, and the review lists them.")
                java.util.List<SecurityExemption> exemptions)
        implements ComponentSettings.Exported, ComponentSettings.Storage {
    /** The exporter image when the config names none (the one the project tested). */
    public static final String DEFAULT_EXPORTER = "danielqsj/kafka-exporter:v1.9.0";

    public KafkaSettings {
        exporterImage = exporterImage == null ? DEFAULT_EXPORTER : exporterImage;
        exemptions = exemptions == null ? java.util.List.of() : java.util.List.copyOf(exemptions);
        heapOpts = heapOpts == null ? "-Xms512m -Xmx512m" : heapOpts;
        defaultPartitions = defaultPartitions == null ? 3 : defaultPartitions;
    }

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.check(
                clusterId.matches("^[A-Za-z0-9_-]{22}$"),
                path + ".clusterId",
                "'" + clusterId + "' is not a Kafka cluster id",
                "22 characters of URL-safe base64, as printed by kafka-storage.sh random-uuid");
        rules.positive(path + ".defaultPartitions", defaultPartitions);
    }
}
