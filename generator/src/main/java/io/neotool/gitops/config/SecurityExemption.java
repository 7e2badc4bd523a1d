package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A Pod Security Standard "restricted" control a component's image cannot meet, and why. Declared
 * in the config per component, so the exception is reviewed like any other change.
 */
public record SecurityExemption(
        @JsonPropertyDescription(
                        "The Pod Security control the image cannot meet (readOnlyRootFilesystem).")
                @JsonProperty(required = true)
                Control control,
        @JsonPropertyDescription(
                        "Why, in a sentence a reviewer can check (e.g. the image's start script writes its config file).")
                @JsonProperty(required = true)
                String reason) {

    public enum Control {
        @JsonProperty("readOnlyRootFilesystem")
        READ_ONLY_ROOT_FILESYSTEM
    }
}
