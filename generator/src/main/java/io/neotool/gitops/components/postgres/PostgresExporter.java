package io.neotool.gitops.components.postgres;

import io.fabric8.kubernetes.api.model.Container;
import io.neotool.gitops.platform.Exporters;
import io.neotool.gitops.platform.Workloads;
import java.util.Map;

/**
 * postgres_exporter, beside the server in its pod: over the server's Unix socket as a monitoring
 * role, never as the superuser and never over the network.
 */
public final class PostgresExporter {
    private PostgresExporter() {}

    public static final int PORT = 9187;

    /**
     * The role postgres_exporter logs in as: {@code pg_monitor} and CONNECT on the "postgres"
     * database only (created by the databases Job), no password, so it logs in over the server's
     * Unix socket only (the image's {@code local all all trust}), never over the network.
     */
    static final String ROLE = "postgres_exporter";

    /** Where the server's Unix socket lives; the exporter shares that folder (an emptyDir). */
    static final String SOCKET_DIR = "/var/run/postgresql";

    /**
     * postgres_exporter as {@link #ROLE} over the socket: no password in its container
     * (postgres_exporter 0.19 and 0.20 split their DSN on spaces, so a password holding one would
     * break it), and no superuser.
     */
    static Container container(String image) {
        return Exporters.base("metrics", image, PORT)
                .withEnv(
                        Workloads.env(
                                Map.of(
                                        "DATA_SOURCE_NAME",
                                        "host="
                                                + SOCKET_DIR
                                                + " user="
                                                + ROLE
                                                + " dbname=postgres sslmode=disable")))
                .addNewVolumeMount()
                .withName("run")
                .withMountPath(SOCKET_DIR)
                .endVolumeMount()
                .build();
    }
}
