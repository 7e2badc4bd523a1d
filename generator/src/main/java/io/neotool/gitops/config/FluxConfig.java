package io.neotool.gitops.config;

/**
 * Reconciliation settings shared by the generated Flux objects (Go durations such as {@code 1m}).
 */
public record FluxConfig(String interval, String retryInterval, String timeout) {
    public static final FluxConfig DEFAULTS = new FluxConfig("1m", "2m", "5m");

    public FluxConfig {
        interval = interval == null ? "1m" : interval;
        retryInterval = retryInterval == null ? "2m" : retryInterval;
        timeout = timeout == null ? "5m" : timeout;
    }
}
