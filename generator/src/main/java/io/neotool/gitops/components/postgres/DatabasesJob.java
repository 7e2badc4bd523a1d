package io.neotool.gitops.components.postgres;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.Resources;
import io.neotool.gitops.config.VaultRef;
import io.neotool.gitops.platform.Checksum;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The idempotent postgres-databases Job: with the superuser from Vault, it creates each database,
 * its owner role and PgBouncer's lookup function, and sets every owner's password from Vault;
 * forced (recreated) when its script changes, which the pod's checksum annotation records.
 */
public final class DatabasesJob {
    private DatabasesJob() {}

    /** The Job that creates the declared databases and roles. */
    public static final String DATABASES_JOB = "postgres-databases";

    static final String SCRIPT = "ensure-databases.sh";

    /** Whether there is anything for the databases Job to create. */
    public static boolean needsDatabasesJob(EnvironmentConfig config) {
        return !Databases.of(config).isEmpty() || pooler(config) != null;
    }

    /** The enabled pooler in front of the server (PgBouncer), whose lookup user the Job makes. */
    static ComponentSettings.@Nullable Pooler pooler(EnvironmentConfig config) {
        for (ComponentSettings settings : config.infrastructure().components().values()) {
            if (settings.isEnabled() && settings instanceof ComponentSettings.Pooler pooler) {
                return pooler;
            }
        }
        return null;
    }

    /**
     * The Vault secrets the databases Job reads: the superuser's, PgBouncer's and each owner's
     * password.
     */
    public static Map<String, VaultRef> jobSecrets(EnvironmentConfig config) {
        Map<String, VaultRef> secrets = new LinkedHashMap<>();
        secrets.put(
                PostgresComponent.SUPERUSER_FILE,
                config.infrastructure().require(PostgresSettings.class).superuserPassword());
        ComponentSettings.Pooler pooler = pooler(config);
        if (pooler != null) {
            secrets.put(PostgresComponent.PGBOUNCER_FILE, pooler.authUserPassword());
        }
        Databases.of(config).forEach(db -> secrets.put(db.secretFile(), db.password()));
        return secrets;
    }

    /**
     * The databases Job with its script and ServiceAccount. Its pod template carries the script's
     * checksum: a changed script is a changed template, which Flux applies by recreating the Job
     * ({@code force}), so the Job runs again.
     */
    static List<HasMetadata> databasesJob(Context context) {
        EnvironmentConfig config = context.config();
        PostgresSettings pg = config.infrastructure().require(PostgresSettings.class);
        Map<String, String> labels = Context.labels(DATABASES_JOB, "database");
        String script =
                context.templates()
                        .render(
                                "postgres-databases.sh.ftl",
                                Map.of(
                                        "databases",
                                        Databases.of(config),
                                        "pgbouncer",
                                        pooler(config) != null,
                                        "secretsDir",
                                        Workloads.VAULT_SECRETS_DIR,
                                        "superuserFile",
                                        PostgresComponent.SUPERUSER_FILE,
                                        "pgbouncerFile",
                                        PostgresComponent.PGBOUNCER_FILE,
                                        "host",
                                        PostgresComponent.SERVICE,
                                        "port",
                                        String.valueOf(PostgresComponent.PORT),
                                        "exporterRole",
                                        context.scraped() ? PostgresExporter.ROLE : ""));
        var configMap =
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(DATABASES_JOB)
                        .withLabels(labels)
                        .addToAnnotations(
                                io.neotool.gitops.config.Annotations.DATABASES,
                                String.join(
                                        ",",
                                        new java.util.TreeSet<>(
                                                Databases.of(config).stream()
                                                        .map(Databases.Database::name)
                                                        .toList())))
                        .endMetadata()
                        .addToData(SCRIPT, script)
                        .build();
        Map<String, String> annotations =
                new LinkedHashMap<>(
                        VaultInjection.vaultAnnotations(DATABASES_JOB, jobSecrets(config), true));
        annotations.put("checksum/script", Checksum.sha256(script));
        var container =
                new ContainerBuilder()
                        .withName("ensure-databases")
                        .withImage(pg.image())
                        .withCommand("/bin/bash", "/scripts/" + SCRIPT)
                        .addNewVolumeMount()
                        .withName("scripts")
                        .withMountPath("/scripts")
                        .withReadOnly(true)
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("tmp")
                        .withMountPath("/tmp")
                        .endVolumeMount()
                        .withResources(
                                Workloads.resources(Resources.of("50m", "64Mi", "500m", "128Mi")))
                        .withSecurityContext(
                                PodSecurity.containerSecurity(
                                        PostgresComponent.UID, PostgresComponent.UID, true))
                        .build();
        var scripts =
                new io.fabric8.kubernetes.api.model.VolumeBuilder()
                        .withName("scripts")
                        .withNewConfigMap()
                        .withName(DATABASES_JOB)
                        .endConfigMap()
                        .build();
        var job =
                Workloads.forcedJob(
                        DATABASES_JOB,
                        labels,
                        annotations,
                        DATABASES_JOB,
                        container,
                        List.of(
                                scripts,
                                VaultInjection.emptyDir("tmp"),
                                VaultInjection.vaultTokenVolume()));
        return List.of(Workloads.serviceAccount(DATABASES_JOB, labels), configMap, job);
    }
}
