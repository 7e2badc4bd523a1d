package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Single-node Kafka in KRaft combined mode (broker and controller in one process). */
public record KafkaSettings(
        Boolean enabled,
        @JsonProperty(required = true) String image,
        String exporterImage,
        @JsonProperty(required = true) String storage,
        @JsonProperty(required = true) Resources resources,
        @JsonProperty(required = true) String clusterId,
        String heapOpts,
        Integer defaultPartitions,
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
