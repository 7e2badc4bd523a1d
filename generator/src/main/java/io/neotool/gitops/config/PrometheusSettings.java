package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Prometheus server (chart subcharts kept lean for a single node). */
public record PrometheusSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) String storage,
        String retention,
        @JsonProperty(required = true) Resources resources)
        implements ComponentSettings.Chart, ComponentSettings.Storage {
    public PrometheusSettings {
        retention = retention == null ? "15d" : retention;
    }

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.check(
                retention.matches("^\\d+[dhwy]$"),
                path + ".retention",
                "'" + retention + "' is not a retention",
                "for example 15d");
    }
}
