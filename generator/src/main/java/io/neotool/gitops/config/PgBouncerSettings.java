package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** PgBouncer in front of PostgreSQL; every app reaches the database through it. */
public record PgBouncerSettings(
        Boolean enabled,
        @JsonProperty(required = true) String image,
        String exporterImage,
        Integer replicas,
        @JsonProperty(required = true) Resources resources,
        String poolMode,
        Integer maxClientConn,
        Integer defaultPoolSize,
        @JsonProperty(required = true) VaultRef authUserPassword,
        java.util.List<SecurityExemption> exemptions)
        implements ComponentSettings.Exported {
    /** The exporter image when the config names none (the one the project tested). */
    public static final String DEFAULT_EXPORTER =
            "quay.io/prometheuscommunity/pgbouncer-exporter:v0.12.1";

    public PgBouncerSettings {
        exporterImage = exporterImage == null ? DEFAULT_EXPORTER : exporterImage;
        exemptions = exemptions == null ? java.util.List.of() : java.util.List.copyOf(exemptions);
        replicas = replicas == null ? 1 : replicas;
        poolMode = poolMode == null ? "transaction" : poolMode;
        maxClientConn = maxClientConn == null ? 500 : maxClientConn;
        defaultPoolSize = defaultPoolSize == null ? 20 : defaultPoolSize;
    }

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.positive(path + ".replicas", replicas);
        rules.check(
                java.util.Set.of("session", "transaction", "statement").contains(poolMode),
                path + ".poolMode",
                "'" + poolMode + "' is not a pool mode",
                "one of: session, transaction, statement");
        rules.positive(path + ".maxClientConn", maxClientConn);
        rules.positive(path + ".defaultPoolSize", defaultPoolSize);
        rules.vault(path + ".authUserPassword", authUserPassword);
        rules.requires(
                path,
                isEnabled(),
                "PostgreSQL",
                rules.config().infrastructure().enabled(PostgresSettings.class));
    }
}
