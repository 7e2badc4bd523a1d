package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Unleash feature flags on the shared PostgreSQL. */
@JsonClassDescription("Unleash, the feature-flag server, on its own database behind PgBouncer.")
public record UnleashSettings(
        @JsonPropertyDescription(
                        "Whether the cluster runs Unleash. Leaving the key out means true; false removes everything generated for it (what uses it must then be off too).")
                Boolean enabled,
        @JsonPropertyDescription(
                        "Exact version of the unleash Helm chart the HelmRelease installs (pinned, no ranges; Renovate proposes bumps). The review names what a bump changes.")
                @JsonProperty(required = true)
                String chartVersion,
        @JsonPropertyDescription(
                        "Unleash's container image as repository:tag, the tag pinned (never latest). The generator sets it in the chart's values or the workload.")
                @JsonProperty(required = true)
                String image,
        @JsonPropertyDescription("Number of Unleash pods (at least 1).") Integer replicas,
        @JsonPropertyDescription(
                        "CPU and memory requests and limits of Unleash's main container; the requests are what the node reserves for it.")
                @JsonProperty(required = true)
                Resources resources,
        @JsonPropertyDescription(
                        "Public host name of Unleash, served by Traefik with a cert-manager (Let's Encrypt) certificate; must lie under cluster.domain. Leave it out for no ingress (reach it with kubectl port-forward).")
                String host,
        @JsonPropertyDescription(
                        "Name of Unleash's own database and owner role, created by the databases Job. Default unleash.")
                String database,
        @JsonPropertyDescription(
                        "Vault reference of that owner's password; Unleash gets it in its database URL.")
                @JsonProperty(required = true)
                VaultRef databasePassword)
        implements ComponentSettings.Chart {
    public UnleashSettings {
        replicas = replicas == null ? 1 : replicas;
        database = database == null ? "unleash" : database;
    }

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.positive(path + ".replicas", replicas);
        rules.sqlName(path + ".database", database);
        rules.vault(path + ".databasePassword", databasePassword);
        rules.requires(
                path,
                isEnabled(),
                "PgBouncer",
                rules.config().infrastructure().enabled(PgBouncerSettings.class));
    }
}
