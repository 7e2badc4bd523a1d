package io.neotool.gitops.components.unleash;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.neotool.gitops.components.pgbouncer.PgBouncerSettings;
import io.neotool.gitops.config.ClusterConfig;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.Pods;
import io.neotool.gitops.config.Resources;
import io.neotool.gitops.config.VaultRef;

/** Unleash feature flags on the shared PostgreSQL. */
@JsonClassDescription("Unleash, the feature-flag server, on its own database behind PgBouncer.")
public record UnleashSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonPropertyDescription("Number of Unleash pods (at least 1).") Integer replicas,
        @JsonProperty(required = true) Resources resources,
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

    /** Unleash's own database on the shared server: no app may take its name. */
    @Override
    public java.util.List<io.neotool.gitops.config.ServerDatabase> databases() {
        return java.util.List.of(
                new io.neotool.gitops.config.ServerDatabase(
                        database, "database", databasePassword, "session"));
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

    @Override
    public java.util.List<Pods> pods(ClusterConfig cluster) {
        return java.util.List.of(Pods.of("", replicas, resources()));
    }
}
