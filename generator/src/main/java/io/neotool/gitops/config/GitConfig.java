package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The Git repository that {@code flux bootstrap} points the GitRepository {@code flux-system} at.
 */
public record GitConfig(
        @JsonPropertyDescription(
                        "URL Flux clones this repository from (ssh://git@… with a deploy key, or https://…).")
                @JsonProperty(required = true)
                String url,
        @JsonPropertyDescription("Branch Flux follows. Leave it out for main.") String branch) {
    public GitConfig {
        branch = branch == null ? "main" : branch;
    }
}
