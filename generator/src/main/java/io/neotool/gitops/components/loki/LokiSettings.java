package io.neotool.gitops.components.loki;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.Resources;

/** Loki in single-binary mode on the filesystem. */
@JsonClassDescription("Loki, which stores the logs Promtail ships.")
public record LokiSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) String storage,
        @JsonPropertyDescription(
                        "How long Loki keeps logs, a Go duration in hours (e.g. 168h). Default 168h.")
                String retention,
        @JsonProperty(required = true) Resources resources)
        implements ComponentSettings.Chart, ComponentSettings.Storage {
    public LokiSettings {
        retention = retention == null ? "168h" : retention;
    }

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.duration(path + ".retention", retention);
    }
}
