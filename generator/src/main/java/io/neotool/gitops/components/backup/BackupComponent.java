package io.neotool.gitops.components.backup;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.neotool.gitops.components.minio.MinioComponent;
import io.neotool.gitops.components.postgres.Databases;
import io.neotool.gitops.components.postgres.PostgresComponent;
import io.neotool.gitops.components.postgres.PostgresSettings;
import io.neotool.gitops.config.BackupConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.VaultRef;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily logical backup: an init container runs {@code pg_dump} of every database (and the
 * roles) into a scratch volume; the main container uploads it with the MinIO client to the S3
 * target (Cloudflare R2 in production, MinIO in dev) and deletes dumps past the retention.
 */
public final class BackupComponent implements Component {
    public static final String NAME = "database-backup";
    static final String ACCESS_KEY_FILE = "s3-access-key-id";
    static final String SECRET_KEY_FILE = "s3-secret-access-key";

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public Layer layer() {
        return Layer.CONFIGS;
    }

    @Override
    public String configPath() {
        return "backups";
    }

    @Override
    public boolean enabled(EnvironmentConfig config) {
        return config.backups() != null && config.backups().isEnabled();
    }

    /** The S3 endpoint the dumps go to. */
    static String endpoint(Context context, BackupConfig.S3Target target) {
        if (target.provider() == BackupConfig.Provider.MINIO) {
            return "http://"
                    + context.serviceHost(MinioComponent.SERVICE)
                    + ":"
                    + MinioComponent.PORT;
        }
        return target.endpoint();
    }

    @Override
    public List<HasMetadata> objects(Context context) {
        EnvironmentConfig config = context.config();
        BackupConfig b = config.backups();
        Map<String, String> labels = Context.labels(NAME, "backup");
        String script =
                context.templates()
                        .render(
                                "backup.sh.ftl",
                                Map.of(
                                        "databases",
                                        Databases.of(config),
                                        "postgresHost",
                                        PostgresComponent.SERVICE,
                                        "secretsDir",
                                        Workloads.VAULT_SECRETS_DIR,
                                        "superuserFile",
                                        PostgresComponent.SUPERUSER_FILE,
                                        "accessKeyFile",
                                        ACCESS_KEY_FILE,
                                        "secretKeyFile",
                                        SECRET_KEY_FILE,
                                        "endpoint",
                                        endpoint(context, b.target()),
                                        "bucket",
                                        b.target().bucket(),
                                        "prefix",
                                        context.cluster(),
                                        "retentionDays",
                                        b.retentionDays()));
        var scripts =
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(NAME + "-script")
                        .withLabels(labels)
                        .endMetadata()
                        .addToData("backup.sh", script)
                        .build();

        Map<String, VaultRef> secrets = new LinkedHashMap<>();
        secrets.put(
                PostgresComponent.SUPERUSER_FILE,
                config.infrastructure().require(PostgresSettings.class).superuserPassword());
        secrets.put(ACCESS_KEY_FILE, b.target().accessKeyId());
        secrets.put(SECRET_KEY_FILE, b.target().secretAccessKey());

        var dump = BackupContainers.dump(config, b);
        var upload = BackupContainers.upload(b);
        var cronJob =
                new CronJobBuilder()
                        .withNewMetadata()
                        .withName(NAME)
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .withSchedule(b.schedule())
                        .withTimeZone("Etc/UTC")
                        .withConcurrencyPolicy("Forbid")
                        .withStartingDeadlineSeconds(3600L)
                        .withSuccessfulJobsHistoryLimit(3)
                        .withFailedJobsHistoryLimit(3)
                        .withNewJobTemplate()
                        .withNewSpec()
                        .withBackoffLimit(2)
                        .withActiveDeadlineSeconds(3600L)
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(labels)
                        .withAnnotations(VaultInjection.vaultAnnotations(NAME, secrets, true))
                        .endMetadata()
                        .withNewSpec()
                        .withRestartPolicy("Never")
                        .withServiceAccountName(NAME)
                        .withAutomountServiceAccountToken(false)
                        .withSecurityContext(PodSecurity.pod(PostgresComponent.UID))
                        .withInitContainers(dump)
                        .withContainers(upload)
                        .addNewVolume()
                        .withName("dumps")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .endVolume()
                        .addToVolumes(
                                VaultInjection.emptyDir("tmp"), VaultInjection.vaultTokenVolume())
                        .addNewVolume()
                        .withName("scripts")
                        .withNewConfigMap()
                        .withName(NAME + "-script")
                        .withDefaultMode(0555)
                        .endConfigMap()
                        .endVolume()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .endJobTemplate()
                        .endSpec()
                        .build();
        return List.of(Workloads.serviceAccount(NAME, labels), scripts, cronJob);
    }

    @Override
    public Map<String, Map<String, String>> workloads(EnvironmentConfig config) {
        return Map.of(NAME, Context.selector(NAME));
    }

    /** The dump reads PostgreSQL, its secrets come from Vault, the upload goes to MinIO or R2. */
    @Override
    public List<Edge> edges(Context context) {
        BackupConfig backups = context.config().backups();
        return List.of(
                new Edge(NAME, PostgresComponent.SERVICE, PostgresComponent.PORT),
                new Edge(NAME, "vault", VaultInjection.VAULT_PORT),
                backups.target().provider() == BackupConfig.Provider.MINIO
                        ? new Edge(NAME, MinioComponent.SERVICE, MinioComponent.PORT)
                        : new Edge(NAME, Edge.INTERNET, 443));
    }

    @Override
    public Map<String, List<String>> vaultPaths(EnvironmentConfig config) {
        BackupConfig backups = config.backups();
        return Map.of(
                NAME,
                List.of(
                        config.infrastructure()
                                .require(PostgresSettings.class)
                                .superuserPassword()
                                .path(),
                        backups.target().accessKeyId().path(),
                        backups.target().secretAccessKey().path()));
    }

    @Override
    public Map<String, String> versions(EnvironmentConfig config) {
        return Workloads.imageVersion(config.backups().clientImage());
    }

    @Override
    public io.neotool.gitops.monitoring.Monitoring monitoring(Context context) {
        return BackupMetrics.of(context);
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of("database-backup");
    }

    /** The dump reads PostgreSQL; a dev cluster's dumps go to its own MinIO. */
    @Override
    public List<String> needs(EnvironmentConfig config) {
        return config.backups().target().provider() == BackupConfig.Provider.MINIO
                ? List.of(PostgresComponent.SERVICE, MinioComponent.SERVICE)
                : List.of(PostgresComponent.SERVICE);
    }
}
