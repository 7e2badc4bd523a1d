package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Vault server (standalone, file storage) with its agent injector. */
public record VaultSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) String storage,
        @JsonProperty(required = true) Resources resources)
        implements ComponentSettings.Chart, ComponentSettings.Storage {}
