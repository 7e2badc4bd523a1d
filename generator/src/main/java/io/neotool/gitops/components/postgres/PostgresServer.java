package io.neotool.gitops.components.postgres;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.Workloads;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's container in the official image: the superuser's password from the file the Vault
 * agent renders, SCRAM for every login, {@code pg_isready} on the loopback address as every probe.
 */
final class PostgresServer {
    private PostgresServer() {}

    static Container container(PostgresSettings pg) {
        List<EnvVar> env =
                new ArrayList<>(
                        List.of(
                                Workloads.env("POSTGRES_USER", "postgres"),
                                Workloads.env(
                                        "POSTGRES_PASSWORD_FILE",
                                        Workloads.VAULT_SECRETS_DIR
                                                + PostgresComponent.SUPERUSER_FILE),
                                Workloads.env(
                                        "POSTGRES_INITDB_ARGS", "--auth-host=scram-sha-256")));
        if (pg.pgdata() != null) {
            env.add(Workloads.env("PGDATA", pg.pgdata()));
        }
        return new ContainerBuilder()
                .withName("postgres")
                .withImage(pg.image())
                .withArgs(
                        "-c",
                        "max_connections=" + pg.maxConnections(),
                        "-c",
                        "shared_buffers=" + pg.sharedBuffers(),
                        "-c",
                        "password_encryption=scram-sha-256")
                .withEnv(env)
                .addNewPort()
                .withName("postgres")
                .withContainerPort(PostgresComponent.PORT)
                .withProtocol("TCP")
                .endPort()
                .withResources(Workloads.resources(pg.resources()))
                .withStartupProbe(
                        Workloads.execProbe(
                                List.of("pg_isready", "-h", "127.0.0.1", "-U", "postgres"), 5, 5))
                .withReadinessProbe(
                        Workloads.execProbe(
                                List.of("pg_isready", "-h", "127.0.0.1", "-U", "postgres"), 0, 10))
                .withLivenessProbe(
                        Workloads.execProbe(
                                List.of("pg_isready", "-h", "127.0.0.1", "-U", "postgres"), 0, 20))
                .withSecurityContext(
                        PodSecurity.containerSecurity(
                                PostgresComponent.UID,
                                PostgresComponent.UID,
                                PodSecurity.readOnlyRoot(pg.exemptions())))
                .addNewVolumeMount()
                .withName("data")
                .withMountPath(pg.dataMountPath())
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("run")
                .withMountPath("/var/run/postgresql")
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("tmp")
                .withMountPath("/tmp")
                .endVolumeMount()
                .build();
    }
}
