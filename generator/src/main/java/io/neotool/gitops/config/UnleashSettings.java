package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

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
