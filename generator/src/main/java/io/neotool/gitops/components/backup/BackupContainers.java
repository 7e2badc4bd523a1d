package io.neotool.gitops.components.backup;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.neotool.gitops.components.postgres.PostgresComponent;
import io.neotool.gitops.components.postgres.PostgresSettings;
import io.neotool.gitops.config.BackupConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.Workloads;

/**
 * The two steps of a backup pod, each in the image that has its tool: {@code pg_dump} in the
 * PostgreSQL image (the server's major, so the dump reads it), then the upload with the MinIO
 * client. Both run the backup script's step of their name.
 */
final class BackupContainers {
    private BackupContainers() {}

    /** UID of the MinIO client image's default user is root; we run it as an unprivileged one. */
    static final long MC_UID = 1000;

    /** {@code pg_dump} of every database and the roles, into the shared {@code /dumps}. */
    static Container dump(EnvironmentConfig config, BackupConfig b) {
        return new ContainerBuilder()
                .withName("dump")
                .withImage(config.infrastructure().require(PostgresSettings.class).image())
                .withCommand("/bin/sh", "/scripts/backup.sh", "dump")
                .withResources(Workloads.resources(b.resources()))
                .withSecurityContext(
                        PodSecurity.containerSecurity(
                                PostgresComponent.UID, PostgresComponent.UID, true))
                .addNewVolumeMount()
                .withName("dumps")
                .withMountPath("/dumps")
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("tmp")
                .withMountPath("/tmp")
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("scripts")
                .withMountPath("/scripts")
                .withReadOnly(true)
                .endVolumeMount()
                .build();
    }

    /** The MinIO client: the dumps to the S3 target, and the retention applied there. */
    static Container upload(BackupConfig b) {
        return new ContainerBuilder()
                .withName("upload")
                .withImage(b.clientImage())
                .withCommand("/bin/sh", "/scripts/backup.sh", "upload")
                .withEnv(Workloads.env("MC_CONFIG_DIR", "/tmp/mc"), Workloads.env("HOME", "/tmp"))
                .withResources(Workloads.resources(b.resources()))
                .withSecurityContext(PodSecurity.containerSecurity(MC_UID, MC_UID, true))
                .addNewVolumeMount()
                .withName("dumps")
                .withMountPath("/dumps")
                .withReadOnly(true)
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("scripts")
                .withMountPath("/scripts")
                .withReadOnly(true)
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("tmp")
                .withMountPath("/tmp")
                .endVolumeMount()
                .build();
    }
}
