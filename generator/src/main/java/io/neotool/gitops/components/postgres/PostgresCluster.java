package io.neotool.gitops.components.postgres;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.components.minio.MinioComponent;
import io.neotool.gitops.config.BackupConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.CustomResources;
import io.neotool.gitops.platform.Workloads;
import io.neotool.gitops.render.CanonicalYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PostgreSQL for {@code ha}: a CloudNativePG {@code Cluster} of three instances, one per node, one
 * synchronous standby (a committed transaction is on two nodes), the config's image, storage and
 * settings; with backups, continuous archiving of the WAL and daily base backups to the config's
 * bucket (point-in-time recovery within the retention), taken by a {@code ScheduledBackup} on the
 * backup schedule from a standby.
 *
 * <p>The superuser's password stays Vault's: {@link PostgresSecrets} copies it, and the bucket's
 * keys, into the Secrets the Cluster names. The databases and their owners are made by the same
 * databases Job as on one node, through {@link #RW_SERVICE}.
 */
public final class PostgresCluster {
    private PostgresCluster() {}

    /** The Cluster's name; CloudNativePG names its Services after it. */
    public static final String NAME = "postgres";

    /** The Service of the primary, which follows a failover. */
    public static final String RW_SERVICE = NAME + "-rw";

    /** The names CloudNativePG and the Secrets Job take: Services, the backup, the Job. */
    static final java.util.Set<String> TAKEN =
            java.util.Set.of(
                    RW_SERVICE, NAME + "-ro", NAME + "-r", NAME + "-daily", "postgres-secrets");

    /** The instances: one per node of the three. */
    public static final int INSTANCES = 3;

    /** The instance manager's metrics port. */
    public static final int METRICS_PORT = 9187;

    /** The Secret of the superuser's login, made from Vault. */
    static final String SUPERUSER_SECRET = NAME + "-superuser";

    /** The Secret of the bucket's keys, made from Vault. */
    static final String BACKUP_SECRET = NAME + "-backup-s3";

    /** The database CloudNativePG's initdb makes, which no app uses. */
    public static final String BOOTSTRAP_DATABASE = "cnpg_bootstrap";

    static final String ACCESS_KEY = "ACCESS_KEY_ID";
    static final String SECRET_KEY = "ACCESS_SECRET_KEY";

    /** The pod labels of the Cluster's instances (not its Pooler's). */
    public static Map<String, String> instanceSelector() {
        return new java.util.TreeMap<>(
                Map.of("cnpg.io/cluster", NAME, "cnpg.io/podRole", "instance"));
    }

    /** The Cluster, and its ScheduledBackup when the config backs up. */
    static List<HasMetadata> objects(Context context, PostgresSettings pg) {
        EnvironmentConfig config = context.config();
        BackupConfig backups = config.backups();
        boolean backedUp = config.backedUp();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("instances", INSTANCES);
        spec.put("imageName", pg.image());
        spec.put("primaryUpdateStrategy", "unsupervised");
        spec.put("enableSuperuserAccess", true);
        spec.put("superuserSecret", Map.of("name", SUPERUSER_SECRET));
        spec.put(
                "postgresql",
                Map.of(
                        "parameters",
                        new java.util.TreeMap<>(
                                Map.of(
                                        "max_connections",
                                        String.valueOf(pg.maxConnections()),
                                        "shared_buffers",
                                        pg.sharedBuffers())),
                        "synchronous",
                        Map.of("method", "any", "number", 1)));
        spec.put("bootstrap", Map.of("initdb", bootstrapDatabase()));
        spec.put(
                "storage",
                Map.of("size", pg.storage(), "storageClass", config.cluster().storageClass()));
        spec.put(
                "resources",
                Objects.requireNonNull(CanonicalYaml.tree(Workloads.resources(pg.resources()))));
        spec.put(
                "affinity",
                Map.of(
                        "enablePodAntiAffinity",
                        true,
                        "podAntiAffinityType",
                        "required",
                        "topologyKey",
                        "kubernetes.io/hostname"));
        Map<String, Object> inherited = new LinkedHashMap<>();
        inherited.put("labels", Map.of("app.kubernetes.io/part-of", Context.PART_OF));
        if (context.scraped()) {
            inherited.put("annotations", Workloads.scrapeAnnotations(METRICS_PORT, "/metrics"));
        }
        spec.put("inheritedMetadata", inherited);
        if (backedUp) {
            spec.put("backup", backup(context, backups));
        }
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(resource(context, "Cluster", NAME, spec));
        if (backedUp) {
            Map<String, Object> scheduled = new LinkedHashMap<>();
            // CloudNativePG's schedule has a seconds field before the five of cron
            scheduled.put("schedule", "0 " + backups.schedule());
            scheduled.put("backupOwnerReference", "self");
            scheduled.put("cluster", Map.of("name", NAME));
            scheduled.put("method", "barmanObjectStore");
            scheduled.put("target", "prefer-standby");
            scheduled.put("immediate", true);
            objects.add(resource(context, "ScheduledBackup", NAME + "-daily", scheduled));
        }
        return objects;
    }

    /**
     * The object store of the WAL archive and base backups: the config's bucket under {@code
     * <cluster>/postgres/}, its keys from {@link #BACKUP_SECRET}, compressed; barman-cloud deletes
     * what the retention no longer needs.
     */
    private static Map<String, Object> backup(Context context, BackupConfig backups) {
        BackupConfig.S3Target target = backups.target();
        Map<String, Object> store = new LinkedHashMap<>();
        store.put(
                "destinationPath",
                "s3://" + target.bucket() + "/" + context.cluster() + "/postgres/");
        store.put("endpointURL", MinioComponent.s3Endpoint(context, target));
        store.put(
                "s3Credentials",
                Map.of(
                        "accessKeyId",
                        Map.of("name", BACKUP_SECRET, "key", ACCESS_KEY),
                        "secretAccessKey",
                        Map.of("name", BACKUP_SECRET, "key", SECRET_KEY)));
        store.put("wal", Map.of("compression", "gzip", "maxParallel", 2));
        store.put("data", Map.of("compression", "gzip"));
        Map<String, Object> backup = new LinkedHashMap<>();
        backup.put("target", "prefer-standby");
        backup.put("retentionPolicy", backups.retentionDays() + "d");
        backup.put("barmanObjectStore", store);
        return backup;
    }

    /**
     * initdb's own database, which CloudNativePG requires: an empty one, {@value
     * #BOOTSTRAP_DATABASE}, owned by a login of that name whose password CloudNativePG keeps in its
     * own Secret {@code postgres-app} (nothing connects as it). The config's databases are made by
     * the databases Job, as on one node, so that adding or renaming an app never touches the
     * Cluster's bootstrap.
     */
    private static Map<String, Object> bootstrapDatabase() {
        return Map.of("database", BOOTSTRAP_DATABASE, "owner", BOOTSTRAP_DATABASE);
    }

    static GenericKubernetesResource resource(
            Context context, String kind, String name, Map<String, Object> spec) {
        return CustomResources.of(
                context,
                "postgresql.cnpg.io/v1",
                kind,
                name,
                Context.labels(NAME, "database"),
                spec);
    }
}
