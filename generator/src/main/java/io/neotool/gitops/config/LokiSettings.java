package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Loki in single-binary mode on the filesystem. */
public record LokiSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) String storage,
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
