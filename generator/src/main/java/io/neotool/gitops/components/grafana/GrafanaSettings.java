package io.neotool.gitops.components.grafana;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.neotool.gitops.components.prometheus.PrometheusSettings;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.Resources;
import io.neotool.gitops.config.VaultRef;

/** Grafana with Prometheus and Loki provisioned as data sources. */
@JsonClassDescription(
        "Grafana with Prometheus and Loki as data sources and the generated dashboards.")
public record GrafanaSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) String storage,
        @JsonProperty(required = true) Resources resources,
        String host,
        @JsonPropertyDescription("Vault reference of Grafana's admin password.")
                @JsonProperty(required = true)
                VaultRef adminPassword)
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
