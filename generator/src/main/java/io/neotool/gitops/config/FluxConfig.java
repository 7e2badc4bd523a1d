package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Reconciliation settings shared by the generated Flux objects (Go durations such as {@code 1m}).
 */
public record FluxConfig(
        @JsonPropertyDescription(
                        "How often Flux re-applies each Kustomization and HelmRelease, a Go duration (e.g. 1m). Default 1m.")
                String interval,
        @JsonPropertyDescription("How soon Flux retries a failed apply, a Go duration. Default 2m.")
                String retryInterval,
        @JsonPropertyDescription(
                        "How long Flux waits for an apply to become ready before it fails it, a Go duration. Default 5m.")
                String timeout) {
    public static final FluxConfig DEFAULTS = new FluxConfig("1m", "2m", "5m");

    public FluxConfig {
        interval = interval == null ? "1m" : interval;
        retryInterval = retryInterval == null ? "2m" : retryInterval;
        timeout = timeout == null ? "5m" : timeout;
    }
}
