package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Promtail shipping the node's pod logs to Loki. */
@JsonClassDescription("Promtail on each node, shipping container logs to Loki.")
public record PromtailSettings(
        @JsonPropertyDescription(
                        "Whether the cluster runs Promtail. Leaving the key out means true; false removes everything generated for it (what uses it must then be off too).")
                Boolean enabled,
        @JsonPropertyDescription(
                        "Exact version of the promtail Helm chart the HelmRelease installs (pinned, no ranges; Renovate proposes bumps). The review names what a bump changes.")
                @JsonProperty(required = true)
                String chartVersion,
        @JsonPropertyDescription(
                        "Promtail's container image as repository:tag, the tag pinned (never latest). The generator sets it in the chart's values or the workload.")
                @JsonProperty(required = true)
                String image,
        @JsonPropertyDescription(
                        "CPU and memory requests and limits of Promtail's main container; the requests are what the node reserves for it.")
                @JsonProperty(required = true)
                Resources resources)
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
