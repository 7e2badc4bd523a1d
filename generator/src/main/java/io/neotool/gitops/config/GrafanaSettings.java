package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Grafana with Prometheus and Loki provisioned as data sources. */
@JsonClassDescription(
        "Grafana with Prometheus and Loki as data sources and the generated dashboards.")
public record GrafanaSettings(
        @JsonPropertyDescription(
                        "Whether the cluster runs Grafana. Leaving the key out means true; false removes everything generated for it (what uses it must then be off too).")
                Boolean enabled,
        @JsonPropertyDescription(
                        "Exact version of the grafana Helm chart the HelmRelease installs (pinned, no ranges; Renovate proposes bumps). The review names what a bump changes.")
                @JsonProperty(required = true)
                String chartVersion,
        @JsonPropertyDescription(
                        "Grafana's container image as repository:tag, the tag pinned (never latest). The generator sets it in the chart's values or the workload.")
                @JsonProperty(required = true)
                String image,
        @JsonPropertyDescription(
                        "Size of Grafana's persistent volume claim, a Kubernetes quantity (e.g. 50Gi), on cluster.storageClass. A claim can grow, never shrink: the review refuses a smaller size.")
                @JsonProperty(required = true)
                String storage,
        @JsonPropertyDescription(
                        "CPU and memory requests and limits of Grafana's main container; the requests are what the node reserves for it.")
                @JsonProperty(required = true)
                Resources resources,
        @JsonPropertyDescription(
                        "Public host name of Grafana, served by Traefik with a cert-manager (Let's Encrypt) certificate; must lie under cluster.domain. Leave it out for no ingress (reach it with kubectl port-forward).")
                String host,
        @JsonPropertyDescription("Vault reference of Grafana's admin password.")
                @JsonProperty(required = true)
                VaultRef adminPassword)
        implements ComponentSettings.Chart, ComponentSettings.Storage {

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.vault(path + ".adminPassword", adminPassword);
        rules.requires(
                path,
                isEnabled(),
                "Prometheus",
                rules.config().infrastructure().enabled(PrometheusSettings.class));
    }
}
