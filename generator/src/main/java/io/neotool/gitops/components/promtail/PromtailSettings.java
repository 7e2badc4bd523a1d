package io.neotool.gitops.components.promtail;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.neotool.gitops.components.loki.LokiSettings;
import io.neotool.gitops.config.ClusterConfig;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.Pods;
import io.neotool.gitops.config.Resources;

/** Promtail shipping the node's pod logs to Loki. */
@JsonClassDescription("Promtail on each node, shipping container logs to Loki.")
public record PromtailSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) Resources resources)
        implements ComponentSettings.Chart {

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.requires(
                path,
                isEnabled(),
                "Loki",
                rules.config().infrastructure().enabled(LokiSettings.class));
    }

    /** A DaemonSet: one on every node. */
    @Override
    public java.util.List<Pods> pods(ClusterConfig cluster) {
        return java.util.List.of(new Pods("", 1, resources().requests(), true));
    }
}
