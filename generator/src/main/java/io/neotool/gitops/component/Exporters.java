package io.neotool.gitops.component;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.neotool.gitops.config.Resources;
import io.neotool.gitops.config.VaultRef;
import java.util.Map;

/**
 * The Prometheus exporters that run beside PostgreSQL and PgBouncer, in their pods: PostgreSQL's
 * over its Unix socket as a monitoring role, PgBouncer's on the loopback address as its stats user
 * with the password Vault renders for the pod. Both images (prometheus-community) run as {@code
 * nobody} from a busybox base.
 */
final class Exporters {
    private Exporters() {}

    static final int POSTGRES_PORT = 9187;
    static final int PGBOUNCER_PORT = 9127;
    static final int KAFKA_PORT = 9308;

    /** UID of {@code nobody}, the user the exporter images declare. */
    static final long NOBODY = 65534;

    static final Resources RESOURCES = Resources.of("10m", "32Mi", "100m", "64Mi");

    /** The file the Vault agent renders PgBouncer's stats connection string into. */
    static final String PGBOUNCER_DSN_FILE = "pgbouncer-exporter-dsn";

    /**
     * The role postgres_exporter logs in as: {@code pg_monitor} and CONNECT on the "postgres"
     * database only (created by the databases Job), no password, so it logs in over the server's
     * Unix socket only (the image's {@code local all all trust}), never over the network.
     */
    static final String POSTGRES_ROLE = "postgres_exporter";

    /** Where the server's Unix socket lives; the exporter shares that folder (an emptyDir). */
    static final String POSTGRES_SOCKET_DIR = "/var/run/postgresql";

    /**
     * postgres_exporter as {@link #POSTGRES_ROLE} over the socket: no password in its container
     * (postgres_exporter 0.19 and 0.20 split their DSN on spaces, so a password holding one would
     * break it), and no superuser.
     */
    static Container postgres(String image) {
        return base("metrics", image, POSTGRES_PORT)
                .withEnv(
                        Workloads.env(
                                Map.of(
                                        "DATA_SOURCE_NAME",
                                        "host="
                                                + POSTGRES_SOCKET_DIR
                                                + " user="
                                                + POSTGRES_ROLE
                                                + " dbname=postgres sslmode=disable")))
                .addNewVolumeMount()
                .withName("run")
                .withMountPath(POSTGRES_SOCKET_DIR)
                .endVolumeMount()
                .build();
    }

    /**
     * pgbouncer_exporter on PgBouncer's admin database as {@code pgbouncer}, a {@code stats_users}
     * member. It takes its connection string from the environment only, so the shell of its image
     * reads the string the Vault agent renders ({@link #pgbouncerDsnTemplate}).
     */
    static Container pgbouncer(String image) {
        return base("metrics", image, PGBOUNCER_PORT)
                .withCommand(
                        "/bin/sh",
                        "-c",
                        "PGBOUNCER_EXPORTER_CONNECTION_STRING=\"$(cat "
                                + Workloads.VAULT_SECRETS_DIR
                                + PGBOUNCER_DSN_FILE
                                + ")\" exec /bin/pgbouncer_exporter")
                .build();
    }

    /**
     * The agent template of PgBouncer's stats connection string: a key/value string (lib/pq), the
     * password quoted with its backslashes and quotes escaped.
     */
    static String pgbouncerDsnTemplate(VaultRef auth, int port) {
        return "{{- with secret \""
                + auth.path()
                + "\" -}}host=127.0.0.1 port="
                + port
                + " dbname=pgbouncer user=pgbouncer sslmode=disable password='{{ .Data.data."
                + auth.key()
                + " | replaceAll \"\\\\\" \"\\\\\\\\\" | replaceAll \"'\" \"\\\\'\" }}'{{- end }}";
    }

    static ContainerBuilder base(String name, String image, int port) {
        return new ContainerBuilder()
                .withName(name)
                .withImage(image)
                .addNewPort()
                .withName("metrics")
                .withContainerPort(port)
                .withProtocol("TCP")
                .endPort()
                .withResources(Workloads.resources(RESOURCES))
                // the port only: a scrape queries the database, which the exporter outlives
                .withReadinessProbe(Workloads.tcpProbe(port, 5, 30))
                .withLivenessProbe(Workloads.tcpProbe(port, 15, 30))
                .withSecurityContext(PodSecurity.containerSecurity(NOBODY, NOBODY, true));
    }

    /** The scrape annotations of a pod whose exporter listens on {@code port}. */
    static Map<String, String> annotations(int port) {
        return Workloads.scrapeAnnotations(port, "/metrics");
    }
}
