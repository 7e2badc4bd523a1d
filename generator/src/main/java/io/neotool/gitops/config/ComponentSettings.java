package io.neotool.gitops.config;

import org.jspecify.annotations.Nullable;

/**
 * What every infrastructure component's settings have: an on/off switch, a pinned image, resources.
 */
public interface ComponentSettings {
    /**
     * Absent means enabled: a component listed in the config is deployed unless it says {@code
     * enabled: false}.
     */
    Boolean enabled();

    String image();

    Resources resources();

    default boolean isEnabled() {
        return enabled() == null || enabled();
    }

    /**
     * The public host it is served on, or null (the cluster's hosts are checked once each,
     * together).
     */
    default @Nullable String host() {
        return null;
    }

    /**
     * The checks of its own settings beyond the ones every component gets (pinned image and chart,
     * quantities), each located at {@code path} ({@code infrastructure.<key>}) and below.
     */
    default void validate(ConfigRules rules, String path) {}

    /** A component deployed from a Helm chart, at a pinned chart version. */
    interface Chart extends ComponentSettings {
        String chartVersion();
    }

    /** A component with a persistent volume of this size. */
    interface Storage {
        String storage();
    }

    /**
     * A component whose metrics come from an exporter beside it when Prometheus runs: its image,
     * pinned like the component's own (each settings type has a tested default).
     */
    interface Exported extends ComponentSettings {
        String exporterImage();
    }
}
