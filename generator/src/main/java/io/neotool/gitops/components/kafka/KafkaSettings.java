package io.neotool.gitops.components.kafka;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.Resources;
import io.neotool.gitops.config.SecurityExemption;

/** Single-node Kafka in KRaft combined mode (broker and controller in one process). */
@JsonClassDescription(
        "Kafka in KRaft mode (no ZooKeeper), one broker, with its exporter and the topics Job.")
public record KafkaSettings(
        Boolean enabled,
        @JsonProperty(required = true) String image,
        String exporterImage,
        @JsonProperty(required = true) String storage,
        @JsonProperty(required = true) Resources resources,
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
                        "The consumer-lag alert fires when an app's consumer group is more messages behind than this on a topic for 10 minutes. Default 1000.")
                Integer consumerLagAlert,
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
        consumerLagAlert = consumerLagAlert == null ? 1000 : consumerLagAlert;
    }

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.positive(path + ".consumerLagAlert", consumerLagAlert);
        rules.check(
                clusterId.matches("^[A-Za-z0-9_-]{22}$"),
                path + ".clusterId",
                "'" + clusterId + "' is not a Kafka cluster id",
                "22 characters of URL-safe base64, as printed by kafka-storage.sh random-uuid");
        rules.positive(path + ".defaultPartitions", defaultPartitions);
    }
}
