package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Loki in single-binary mode on the filesystem. */
@JsonClassDescription("Loki, which stores the logs Promtail ships.")
public record LokiSettings(
        @JsonPropertyDescription(
                        "Whether the cluster runs Loki. Leaving the key out means true; false removes everything generated for it (what uses it must then be off too).")
                Boolean enabled,
        @JsonPropertyDescription(
                        "Exact version of the loki Helm chart the HelmRelease installs (pinned, no ranges; Renovate proposes bumps). The review names what a bump changes.")
                @JsonProperty(required = true)
                String chartVersion,
        @JsonPropertyDescription(
                        "Loki's container image as repository:tag, the tag pinned (never latest). The generator sets it in the chart's values or the workload.")
                @JsonProperty(required = true)
                String image,
        @JsonPropertyDescription(
                        "Size of Loki's persistent volume claim, a Kubernetes quantity (e.g. 50Gi), on cluster.storageClass. A claim can grow, never shrink: the review refuses a smaller size.")
                @JsonProperty(required = true)
                String storage,
        @JsonPropertyDescription(
                        "How long Loki keeps logs, a Go duration in hours (e.g. 168h). Default 168h.")
                String retention,
        @JsonPropertyDescription(
                        "CPU and memory requests and limits of Loki's main container; the requests are what the node reserves for it.")
                @JsonProperty(required = true)
                Resources resources)
        implements ComponentSettings.Chart, ComponentSettings.Storage {
    public LokiSettings {
        retention = retention == null ? "168h" : retention;
    }

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.duration(path + ".retention", retention);
    }
}
