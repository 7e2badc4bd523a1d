package io.neotool.gitops.components.vault;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.Resources;

/** Vault server (standalone, file storage) with its agent injector. */
@JsonClassDescription(
        "Vault, the only holder of secrets: the server (file storage on one volume, standalone) and the agent injector that renders secrets into pods.")
public record VaultSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) String storage,
        @JsonProperty(required = true) Resources resources)
        implements ComponentSettings.Chart, ComponentSettings.Storage {}
