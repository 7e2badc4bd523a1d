package io.neotool.gitops.components.backup;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily logical backup: an init container runs {@code pg_dump} of every database (and the
 * roles) into a scratch volume; the main container uploads it with the MinIO client to the S3
 * target (Cloudflare R2 in production, MinIO in dev) and deletes dumps past the retention. Beside
 * it: the restore and the weekly restore drill ({@link RestoreJobs}), and Vault's daily snapshot
 * ({@link VaultSnapshot}).
 */
public final class BackupComponent implements Component {
    public static final String NAME = BackupNames.BACKUP;
    static final String ACCESS_KEY_FILE = BackupNames.ACCESS_KEY_FILE;
    static final String SECRET_KEY_FILE = BackupNames.SECRET_KEY_FILE;

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
        return config.backedUp();
    }

    @Override
    public List<HasMetadata> objects(Context context) {
        EnvironmentConfig config = context.config();
        BackupConfig b = config.backups();
        Map<String, String> labels = Context.labels(NAME, "backup");
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("databases", Databases.of(config));
        model.put(
                "databaseNames",
                String.join(
                        " ", Databases.of(config).stream().map(Databases.Database::name).toList()));
        model.put("postgresHost", PostgresComponent.host(config));
        model.put("secretsDir", Workloads.VAULT_SECRETS_DIR);
        model.put("superuserFile", PostgresComponent.SUPERUSER_FILE);
        model.put("accessKeyFile", ACCESS_KEY_FILE);
        model.put("secretKeyFile", SECRET_KEY_FILE);
        model.put("endpoint", MinioComponent.s3Endpoint(context, b.target()));
        model.put("bucket", b.target().bucket());
        model.put("prefix", context.cluster());
        model.put("retentionDays", b.retentionDays());
        var scripts =
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(NAME + "-script")
                        .withLabels(labels)
                        .endMetadata()
                        .addToData("backup.sh", context.templates().render("backup.sh.ftl", model))
                        .build();

        Map<String, VaultRef> secrets = new LinkedHashMap<>();
        secrets.put(
                PostgresComponent.SUPERUSER_FILE,
                config.infrastructure().require(PostgresSettings.class).superuserPassword());
        secrets.put(ACCESS_KEY_FILE, b.target().accessKeyId());
        secrets.put(SECRET_KEY_FILE, b.target().secretAccessKey());
        Map<String, String> annotations = VaultInjection.vaultAnnotations(NAME, secrets, true);
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(Workloads.serviceAccount(NAME, labels));
        objects.add(scripts);
        objects.add(
                new BackupJobs(NAME, labels, annotations)
                        .cronJob(
                                b.schedule(),
                                false,
                                NAME,
                                PostgresComponent.UID,
                                List.of(BackupContainers.dump(config, b)),
                                BackupContainers.upload(b)));
        objects.addAll(RestoreJobs.objects(context, labels, annotations));
        objects.addAll(VaultSnapshot.objects(context));
        return objects;
    }

    @Override
    public Map<String, Map<String, String>> workloads(EnvironmentConfig config) {
        return Map.of(
                NAME,
                Context.selector(NAME),
                BackupNames.SNAPSHOT,
                Context.selector(BackupNames.SNAPSHOT));
    }

    /** The dump reads PostgreSQL, its secrets come from Vault, the upload goes to MinIO or R2. */
    @Override
    public List<Edge> edges(Context context) {
        BackupConfig backups = context.config().backups();
        List<Edge> edges =
                new ArrayList<>(
                        List.of(
                                new Edge(NAME, PostgresComponent.SERVICE, PostgresComponent.PORT),
                                new Edge(NAME, "vault", VaultInjection.VAULT_PORT),
                                backups.target().provider() == BackupConfig.Provider.MINIO
                                        ? new Edge(
                                                NAME, MinioComponent.SERVICE, MinioComponent.PORT)
                                        : new Edge(NAME, Edge.INTERNET, 443)));
        edges.addAll(VaultSnapshot.edges(backups));
        return edges;
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
                        backups.target().secretAccessKey().path()),
                BackupNames.SNAPSHOT,
                VaultSnapshot.vaultPaths(config));
    }

    @Override
    public Map<String, String> versions(EnvironmentConfig config) {
        return Workloads.imageVersion(config.backups().clientImage());
    }

    @Override
    public io.neotool.gitops.monitoring.Monitoring monitoring(Context context) {
        var backup = BackupMetrics.of(context);
        var restore = RestoreMetrics.of(context);
        return new io.neotool.gitops.monitoring.Monitoring(
                backup.targets(),
                java.util.stream.Stream.concat(backup.alerts().stream(), restore.alerts().stream())
                        .toList(),
                java.util.stream.Stream.concat(
                                backup.dashboards().stream(), restore.dashboards().stream())
                        .toList());
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of(NAME, BackupNames.RESTORE, BackupNames.DRILL, BackupNames.SNAPSHOT);
    }

    /** The dump reads PostgreSQL; a dev cluster's dumps go to its own MinIO. */
    @Override
    public List<String> needs(EnvironmentConfig config) {
        return config.backups().target().provider() == BackupConfig.Provider.MINIO
                ? List.of(PostgresComponent.SERVICE, MinioComponent.SERVICE)
                : List.of(PostgresComponent.SERVICE);
    }
}
