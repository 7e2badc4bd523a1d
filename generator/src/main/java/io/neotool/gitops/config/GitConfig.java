package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The Git repository that {@code flux bootstrap} points the GitRepository {@code flux-system} at.
 */
public record GitConfig(@JsonProperty(required = true) String url, String branch) {
    public GitConfig {
        branch = branch == null ? "main" : branch;
    }
}
