package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What every infrastructure component's settings have: an on/off switch, a pinned image, resources.
 * The descriptions of these shared keys live here once; the config schema gives them to each
 * component's key (ConfigSchemaTest), and each settings record describes only its own keys.
 */
public interface ComponentSettings {
    /**
     * Absent means enabled: a component listed in the config is deployed unless it says {@code
     * enabled: false}.
     */
    @JsonPropertyDescription(
            "Whether the cluster runs this component. Leaving the key out means true; false removes everything generated for it (what uses it must then be off too).")
    Boolean enabled();

    @JsonPropertyDescription(
            "The component's container image as repository:tag, the tag pinned (never latest). The generator sets it in the chart's values or the workload.")
    String image();

    @JsonPropertyDescription(
            "CPU and memory requests and limits of the component's main container; the requests are what the node reserves for it.")
    Resources resources();

    default boolean isEnabled() {
        return enabled() == null || enabled();
    }

    /**
     * The public host it is served on, or null (the cluster's hosts are checked once each,
     * together).
     */
    @JsonPropertyDescription(
            "Public host name of the component, served by Traefik with a cert-manager (Let's Encrypt) certificate; must lie under cluster.domain. Leave it out for no ingress (reach it with kubectl port-forward).")
    default @Nullable String host() {
        return null;
    }

    /**
     * The checks of its own settings beyond the ones every component gets (pinned image and chart,
     * quantities), each located at {@code path} ({@code infrastructure.<key>}) and below.
     */
    default void validate(ConfigRules rules, String path) {}

    /**
     * The pods it runs, for the node budget ({@link NodeBudget}): one of its size by default; a
     * component with replicas, more members on three nodes or side pods says so.
     */
    default List<Pods> pods(ClusterConfig cluster) {
        return List.of(Pods.of("", 1, resources()));
    }

    /** The databases the component owns on the shared PostgreSQL server. */
    default List<ServerDatabase> databases() {
        return List.of();
    }

    /**
     * A connection pooler in front of the shared server: it looks up each login's password on the
     * server ({@code auth_query}) as its own user, which the server's databases Job creates.
     */
    interface Pooler extends ComponentSettings {
        VaultRef authUserPassword();
    }

    /** A component deployed from a Helm chart, at a pinned chart version. */
    interface Chart extends ComponentSettings {
        @JsonPropertyDescription(
                "Exact version of the component's Helm chart the HelmRelease installs (pinned, no ranges; Renovate proposes bumps). The review names what a bump changes.")
        String chartVersion();
    }

    /** A component with a persistent volume of this size. */
    interface Storage {
        @JsonPropertyDescription(
                "Size of the component's persistent volume claim, a Kubernetes quantity (e.g. 50Gi), on cluster.storageClass. A claim can grow, never shrink: the review refuses a smaller size.")
        String storage();
    }

    /**
     * A component whose metrics come from an exporter beside it when Prometheus runs: its image,
     * pinned like the component's own (each settings type has a tested default).
     */
    interface Exported extends ComponentSettings {
        @JsonPropertyDescription(
                "The Prometheus exporter run for the component, repository:tag. Leave it out for the version this generator was tested with.")
        String exporterImage();
    }
}
