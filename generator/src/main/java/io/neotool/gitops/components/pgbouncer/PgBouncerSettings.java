package io.neotool.gitops.components.pgbouncer;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.neotool.gitops.components.postgres.PostgresSettings;
import io.neotool.gitops.config.ClusterConfig;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.config.Pods;
import io.neotool.gitops.config.Resources;
import io.neotool.gitops.config.SecurityExemption;
import io.neotool.gitops.config.VaultRef;

/** PgBouncer in front of PostgreSQL; every app reaches the database through it. */
@JsonClassDescription(
        "PgBouncer in front of PostgreSQL; every app reaches the database through it.")
public record PgBouncerSettings(
        Boolean enabled,
        @JsonProperty(required = true) String image,
        String exporterImage,
        @JsonPropertyDescription("Number of PgBouncer pods (at least 1).") Integer replicas,
        @JsonProperty(required = true) Resources resources,
        @JsonPropertyDescription(
                        "How PgBouncer shares server connections: transaction (default; one per transaction), session (one per client session) or statement.")
                PoolMode poolMode,
        @JsonPropertyDescription(
                        "Most client connections PgBouncer accepts (max_client_conn). Default 500.")
                Integer maxClientConn,
        @JsonPropertyDescription(
                        "Server connections per database and user (default_pool_size). Default 20; clients wait when it is used up, which the waiting-clients alert reports.")
                Integer defaultPoolSize,
        @JsonPropertyDescription(
                        "The waiting-clients alert fires when more clients than this have waited for a server connection for 5 minutes. Default 0.")
                Integer waitingClientsAlert,
        @JsonPropertyDescription(
                        "Vault reference of the password of PgBouncer's auth user, which looks app owners up in PostgreSQL (auth_query).")
                @JsonProperty(required = true)
                VaultRef authUserPassword,
        @JsonPropertyDescription(
                        "Pod Security controls PgBouncer's image cannot meet, each with the reason; they relax exactly that control for its pods, and the review lists them.")
                java.util.List<SecurityExemption> exemptions)
        implements ComponentSettings.Exported, ComponentSettings.Pooler {
    /** The exporter image when the config names none (the one the project tested). */
    public static final String DEFAULT_EXPORTER =
            "quay.io/prometheuscommunity/pgbouncer-exporter:v0.12.1";

    public PgBouncerSettings {
        exporterImage = exporterImage == null ? DEFAULT_EXPORTER : exporterImage;
        exemptions = exemptions == null ? java.util.List.of() : java.util.List.copyOf(exemptions);
        replicas = replicas == null ? 1 : replicas;
        poolMode = poolMode == null ? PoolMode.TRANSACTION : poolMode;
        maxClientConn = maxClientConn == null ? 500 : maxClientConn;
        defaultPoolSize = defaultPoolSize == null ? 20 : defaultPoolSize;
        waitingClientsAlert = waitingClientsAlert == null ? 0 : waitingClientsAlert;
    }

    /** How PgBouncer hands server connections to clients ({@code pool_mode}). */
    public enum PoolMode {
        @JsonProperty("session")
        SESSION,
        @JsonProperty("transaction")
        TRANSACTION,
        @JsonProperty("statement")
        STATEMENT;

        /** The value pgbouncer.ini takes. */
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The oldest PgBouncer that accepts the generated config ({@code auth_dbname}: 1.19). */
    static final int[] MINIMUM = {1, 19};

    private static final java.util.regex.Pattern VERSION =
            java.util.regex.Pattern.compile("^v?(\\d+)\\.(\\d+)");

    /**
     * Major and minor of the image's tag ({@code v1.25.2-p0} → 1, 25), or null when it has none.
     */
    static int @org.jspecify.annotations.Nullable [] version(String image) {
        ImageRef ref = ImageRef.parse(image);
        if (ref == null || ref.tag() == null) {
            return null;
        }
        java.util.regex.Matcher m = VERSION.matcher(ref.tag());
        return m.find()
                ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))}
                : null;
    }

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.check(
                waitingClientsAlert >= 0, path + ".waitingClientsAlert", "must be 0 or more", null);
        rules.positive(path + ".replicas", replicas);
        rules.positive(path + ".maxClientConn", maxClientConn);
        rules.positive(path + ".defaultPoolSize", defaultPoolSize);
        rules.vault(path + ".authUserPassword", authUserPassword);
        int[] version = version(image);
        if (version != null) {
            rules.check(
                    version[0] > MINIMUM[0]
                            || (version[0] == MINIMUM[0] && version[1] >= MINIMUM[1]),
                    path + ".image",
                    "PgBouncer "
                            + version[0]
                            + "."
                            + version[1]
                            + " is older than "
                            + MINIMUM[0]
                            + "."
                            + MINIMUM[1]
                            + ", the first that reads auth_dbname (the generated pgbouncer.ini looks users up in the postgres database through it)",
                    "pin "
                            + MINIMUM[0]
                            + "."
                            + MINIMUM[1]
                            + " or newer, for example edoburu/pgbouncer:v1.25.2-p0");
        }
        rules.requires(
                path,
                isEnabled(),
                "PostgreSQL",
                rules.config().infrastructure().enabled(PostgresSettings.class));
    }

    /** Its replicas; at least two (the Pooler's) on three nodes. */
    @Override
    public java.util.List<Pods> pods(ClusterConfig cluster) {
        return java.util.List.of(
                Pods.of("", cluster.ha() ? Math.max(2, replicas) : replicas, resources()));
    }
}
