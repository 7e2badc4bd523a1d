package io.neotool.gitops.components.kafka;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.neotool.gitops.components.strimzi.StrimziSettings;
import io.neotool.gitops.config.ClusterConfig;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.config.Pods;
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
        if (isEnabled() && rules.config().cluster().ha()) {
            rules.requires(
                    path,
                    true,
                    "Strimzi (infrastructure.strimzi) to run on three nodes (cluster.topology: ha)",
                    rules.config().infrastructure().enabled(StrimziSettings.class));
            StrimziSettings strimzi = rules.config().infrastructure().get(StrimziSettings.class);
            ImageRef ref = ImageRef.parse(image);
            java.util.List<String> versions =
                    strimzi == null
                            ? null
                            : StrimziSettings.KAFKA_VERSIONS.get(strimzi.chartVersion());
            if (strimzi != null && ref != null && ref.tag() != null && versions != null) {
                rules.check(
                        versions.contains(ref.tag()),
                        path + ".image",
                        "Strimzi " + strimzi.chartVersion() + " does not run Kafka " + ref.tag(),
                        "it runs " + String.join(", ", versions));
            }
        }
    }

    /**
     * Three KRaft nodes on three nodes, and Strimzi's topic operator and exporter; one broker
     * otherwise.
     */
    @Override
    public java.util.List<Pods> pods(ClusterConfig cluster) {
        if (!cluster.ha()) {
            return java.util.List.of(Pods.of("", 1, resources()));
        }
        return java.util.List.of(
                Pods.of("", 3, resources()),
                Pods.of(
                        "entity operator and exporter",
                        2,
                        Resources.of("50m", "256Mi", "500m", "512Mi")));
    }
}
