package io.neotool.gitops.components.strimzi;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.Resources;

/** The Strimzi cluster operator, which runs Kafka on three KRaft nodes for {@code ha}. */
@JsonClassDescription(
        "Strimzi, the operator that runs Kafka (a KafkaNodePool of three KRaft controller+broker nodes, the apps' topics as KafkaTopics) when cluster.topology is ha. Only for ha.")
public record StrimziSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) Resources resources)
        implements ComponentSettings.Chart {

    /**
     * The Kafka versions each Strimzi release runs (its chart's Kafka image map): a Kafka outside
     * them is refused.
     */
    public static final java.util.Map<String, java.util.List<String>> KAFKA_VERSIONS =
            java.util.Map.of("0.44.0", java.util.List.of("3.7.0", "3.7.1", "3.8.0"));

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.check(
                !isEnabled() || rules.config().cluster().ha(),
                path,
                "Strimzi runs Kafka on three nodes, and the cluster's topology is single-node",
                "set cluster.topology: ha, or remove infrastructure.strimzi");
    }
}
