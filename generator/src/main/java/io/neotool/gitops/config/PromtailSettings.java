package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;

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
}
