package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Unleash feature flags on the shared PostgreSQL. */
public record UnleashSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        Integer replicas,
        @JsonProperty(required = true) Resources resources,
        String host,
        String database,
        @JsonProperty(required = true) VaultRef databasePassword)
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
