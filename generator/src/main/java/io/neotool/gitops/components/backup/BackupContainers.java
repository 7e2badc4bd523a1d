package io.neotool.gitops.components.backup;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.neotool.gitops.components.postgres.PostgresComponent;
import io.neotool.gitops.components.postgres.PostgresSettings;
import io.neotool.gitops.config.BackupConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.Workloads;
import java.util.Map;

/**
 * The steps of the backup pods, each in the image that has its tool and each running the backup
 * script's step of its name: {@code pg_dump}, {@code pg_restore} and the drill in the PostgreSQL
 * image (the server's major, so that they read it), the upload and the fetch with the MinIO client,
 * Vault's snapshot with Vault's own CLI. They share {@code /dumps}, {@code /tmp} and the script.
 */
final class BackupContainers {
    private BackupContainers() {}

    /** UID of the MinIO client image's default user is root; we run it as an unprivileged one. */
    static final long MC_UID = 1000;

    /** The {@code vault} user and group of the official image. */
    static final long VAULT_UID = 100;

    static final long VAULT_GID = 1000;

    /** {@code pg_dump} of every database and the roles, into the shared {@code /dumps}. */
    static Container dump(EnvironmentConfig config, BackupConfig b) {
        return postgres(config, b, "dump", Map.of());
    }

    /** The MinIO client: the dumps to the S3 target, and the retention applied there. */
    static Container upload(BackupConfig b) {
        return client(b, "upload", true, Map.of());
    }

    /** A step in the PostgreSQL image, with {@code env} (its parameters). */
    static Container postgres(
            EnvironmentConfig config, BackupConfig b, String step, Map<String, String> env) {
        return step(
                        step,
                        config.infrastructure().require(PostgresSettings.class).image(),
                        b,
                        false,
                        env)
                .withSecurityContext(
                        PodSecurity.containerSecurity(
                                PostgresComponent.UID, PostgresComponent.UID, true))
                .build();
    }

    /** A step of the MinIO client; {@code readsDumps} when it only reads {@code /dumps}. */
    static Container client(
            BackupConfig b, String step, boolean readsDumps, Map<String, String> env) {
        Map<String, String> all = new java.util.TreeMap<>(env);
        all.put("MC_CONFIG_DIR", "/tmp/mc");
        all.put("HOME", "/tmp");
        return step(step, b.clientImage(), b, readsDumps, all)
                .withSecurityContext(PodSecurity.containerSecurity(MC_UID, MC_UID, true))
                .build();
    }

    /** A step of Vault's CLI, talking to the cluster's Vault. */
    static Container vault(String image, BackupConfig b, String step, String address) {
        return step(step, image, b, false, Map.of("HOME", "/tmp", "VAULT_ADDR", address))
                .withSecurityContext(PodSecurity.containerSecurity(VAULT_UID, VAULT_GID, true))
                .build();
    }

    private static ContainerBuilder step(
            String step,
            String image,
            BackupConfig b,
            boolean readsDumps,
            Map<String, String> env) {
        ContainerBuilder container =
                new ContainerBuilder()
                        .withName(step)
                        .withImage(image)
                        .withCommand("/bin/sh", "/scripts/backup.sh", step)
                        .withResources(Workloads.resources(b.resources()));
        if (!env.isEmpty()) {
            container.withEnv(Workloads.env(env));
        }
        return container
                .addNewVolumeMount()
                .withName("dumps")
                .withMountPath("/dumps")
                .withReadOnly(readsDumps ? true : null)
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("scripts")
                .withMountPath("/scripts")
                .withReadOnly(true)
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("tmp")
                .withMountPath("/tmp")
                .endVolumeMount();
    }
}
