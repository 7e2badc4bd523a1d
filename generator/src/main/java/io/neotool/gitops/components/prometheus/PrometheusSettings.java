package io.neotool.gitops.components.prometheus;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.neotool.gitops.config.ClusterConfig;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.Pods;
import io.neotool.gitops.config.Resources;

/**
 * Prometheus server (chart subcharts kept lean for a single node), the thresholds of its alerts,
 * and the Alertmanager that delivers them (none: the alerts show in Prometheus and Grafana only).
 */
@JsonClassDescription(
        "Prometheus with the generated alert rules and scrape targets, kube-state-metrics and node-exporter, and optionally an Alertmanager.")
public record PrometheusSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) String storage,
        @JsonPropertyDescription(
                        "How long Prometheus keeps samples, a Prometheus duration (e.g. 15d). Default 15d.")
                String retention,
        @JsonProperty(required = true) Resources resources,
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

    /** The server, and the Alertmanager when there is one. */
    @Override
    public java.util.List<Pods> pods(ClusterConfig cluster) {
        return alertmanager == null
                ? java.util.List.of(Pods.of("", 1, resources()))
                : java.util.List.of(
                        Pods.of("", 1, resources()),
                        Pods.of("alertmanager", 1, alertmanager.resources()));
    }
}
