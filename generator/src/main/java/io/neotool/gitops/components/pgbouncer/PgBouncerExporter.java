package io.neotool.gitops.components.pgbouncer;

import io.fabric8.kubernetes.api.model.Container;
import io.neotool.gitops.config.VaultRef;
import io.neotool.gitops.platform.Exporters;
import io.neotool.gitops.platform.Workloads;

/**
 * pgbouncer_exporter, beside PgBouncer in its pod: on the loopback address as PgBouncer's stats
 * user, with the password the Vault agent renders for the pod.
 */
final class PgBouncerExporter {
    private PgBouncerExporter() {}

    static final int PORT = 9127;

    /** The file the Vault agent renders PgBouncer's stats connection string into. */
    static final String DSN_FILE = "pgbouncer-exporter-dsn";

    /**
     * pgbouncer_exporter on PgBouncer's admin database as {@code pgbouncer}, a {@code stats_users}
     * member. It takes its connection string from the environment only, so the shell of its image
     * reads the string the Vault agent renders ({@link #dsnTemplate}).
     */
    static Container container(String image) {
        return Exporters.base("metrics", image, PORT)
                .withCommand(
                        "/bin/sh",
                        "-c",
                        "PGBOUNCER_EXPORTER_CONNECTION_STRING=\"$(cat "
                                + Workloads.VAULT_SECRETS_DIR
                                + DSN_FILE
                                + ")\" exec /bin/pgbouncer_exporter")
                .build();
    }

    /**
     * The agent template of PgBouncer's stats connection string: a key/value string (lib/pq), the
     * password quoted with its backslashes and quotes escaped.
     */
    static String dsnTemplate(VaultRef auth, int port) {
        return "{{- with secret \""
                + auth.path()
                + "\" -}}host=127.0.0.1 port="
                + port
                + " dbname=pgbouncer user=pgbouncer sslmode=disable password='{{ .Data.data."
                + auth.key()
                + " | replaceAll \"\\\\\" \"\\\\\\\\\" | replaceAll \"'\" \"\\\\'\" }}'{{- end }}";
    }
}
