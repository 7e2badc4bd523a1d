package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A Pod Security Standard "restricted" control a component's image cannot meet, and why. Declared
 * in the config per component, so the exception is reviewed like any other change.
 */
public record SecurityExemption(
        @JsonProperty(required = true) Control control,
        @JsonProperty(required = true) String reason) {

    public enum Control {
        @JsonProperty("readOnlyRootFilesystem")
        READ_ONLY_ROOT_FILESYSTEM
    }
}
