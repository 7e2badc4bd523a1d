package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Grafana with Prometheus and Loki provisioned as data sources. */
public record GrafanaSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) String storage,
        @JsonProperty(required = true) Resources resources,
        String host,
        @JsonProperty(required = true) VaultRef adminPassword)
        implements ComponentSettings.Chart, ComponentSettings.Storage {

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.vault(path + ".adminPassword", adminPassword);
        rules.requires(
                path,
                isEnabled(),
                "Prometheus",
                rules.config().infrastructure().enabled(PrometheusSettings.class));
    }
}
