package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Prometheus server (chart subcharts kept lean for a single node), the thresholds of its alerts,
 * and the Alertmanager that delivers them (none: the alerts show in Prometheus and Grafana only).
 */
@JsonClassDescription(
        "Prometheus with the generated alert rules and scrape targets, kube-state-metrics and node-exporter, and optionally an Alertmanager.")
public record PrometheusSettings(
        @JsonPropertyDescription(
                        "Whether the cluster runs Prometheus. Leaving the key out means true; false removes everything generated for it (what uses it must then be off too).")
                Boolean enabled,
        @JsonPropertyDescription(
                        "Exact version of the prometheus Helm chart the HelmRelease installs (pinned, no ranges; Renovate proposes bumps). The review names what a bump changes.")
                @JsonProperty(required = true)
                String chartVersion,
        @JsonPropertyDescription(
                        "Prometheus's container image as repository:tag, the tag pinned (never latest). The generator sets it in the chart's values or the workload.")
                @JsonProperty(required = true)
                String image,
        @JsonPropertyDescription(
                        "Size of Prometheus's persistent volume claim, a Kubernetes quantity (e.g. 50Gi), on cluster.storageClass. A claim can grow, never shrink: the review refuses a smaller size.")
                @JsonProperty(required = true)
                String storage,
        @JsonPropertyDescription(
                        "How long Prometheus keeps samples, a Prometheus duration (e.g. 15d). Default 15d.")
                String retention,
        @JsonPropertyDescription(
                        "CPU and memory requests and limits of Prometheus's main container; the requests are what the node reserves for it.")
                @JsonProperty(required = true)
                Resources resources,
        @JsonPropertyDescription(
                        "Thresholds of the generated alert rules. Leave it out for the defaults.")
                AlertThresholds alerts,
        @JsonPropertyDescription(
                        "Run an Alertmanager that sends the alerts to these receivers. Leave it out to keep alerts in Prometheus only.")
                @org.jspecify.annotations.Nullable
                AlertmanagerSettings alertmanager)
        implements ComponentSettings.Chart, ComponentSettings.Storage {
    public PrometheusSettings {
        retention = retention == null ? "15d" : retention;
        alerts = alerts == null ? AlertThresholds.DEFAULTS : alerts;
    }

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.check(
                retention.matches("^\\d+[dhwy]$"),
                path + ".retention",
                "'" + retention + "' is not a retention",
                "for example 15d");
        alerts.validate(rules, path + ".alerts");
        if (alertmanager != null) {
            alertmanager.validate(rules, path + ".alertmanager");
        }
    }
}
