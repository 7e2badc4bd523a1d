package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Prometheus server (chart subcharts kept lean for a single node), the thresholds of its alerts,
 * and the Alertmanager that delivers them (none: the alerts show in Prometheus and Grafana only).
 */
public record PrometheusSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) String storage,
        String retention,
        @JsonProperty(required = true) Resources resources,
        AlertThresholds alerts,
        @org.jspecify.annotations.Nullable AlertmanagerSettings alertmanager)
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
