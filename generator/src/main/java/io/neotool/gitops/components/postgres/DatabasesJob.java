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
        Databases.shared(config).forEach(db -> secrets.put(db.secretFile(), db.password()));
        return secrets;
    }

    /**
     * The paths the Jobs' ServiceAccount reads: the shared Job's, and each app's database Job's
     * (the superuser's and that app's owner password).
     */
    public static List<String> rolePaths(EnvironmentConfig config) {
        java.util.Set<String> paths = new java.util.TreeSet<>();
        jobSecrets(config).values().forEach(ref -> paths.add(ref.path()));
        Databases.of(config).forEach(db -> paths.add(db.password().path()));
        return List.copyOf(paths);
    }

    /** The script an app's database Job runs: one database and owner, named in its arguments. */
    static final String APP_SCRIPT = "ensure-database.sh";

    /**
     * The shared databases Job with its scripts and ServiceAccount: the databases of components
     * (Unleash's), PgBouncer's lookup role and function (answering for every owner, apps' too) and
     * the exporter's role. It reads no app's secret, so no app's missing password can hold it up.
     * Its ConfigMap also holds the script each app's database Job runs.
     */
    static List<HasMetadata> databasesJob(Context context) {
        EnvironmentConfig config = context.config();
        Map<String, String> labels = Context.labels(DATABASES_JOB, "database");
        List<Databases.Database> shared = Databases.shared(config);
        String script =
                script(
                        context,
                        shared,
                        Databases.of(config),
                        pooler(config) != null,
                        context.scraped() ? PostgresExporter.ROLE : "",
                        false);
        var configMap =
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(DATABASES_JOB)
                        .withLabels(labels)
                        .addToAnnotations(
                                io.neotool.gitops.config.Annotations.DATABASES, names(shared))
                        .endMetadata()
                        .addToData(SCRIPT, script)
                        .addToData(APP_SCRIPT, appScript(context))
                        .build();
        Map<String, String> annotations =
                new LinkedHashMap<>(
                        VaultInjection.vaultAnnotations(DATABASES_JOB, jobSecrets(config), true));
        annotations.put("checksum/script", Checksum.sha256(script));
        return List.of(
                Workloads.serviceAccount(DATABASES_JOB, labels),
                configMap,
                job(context, DATABASES_JOB, annotations, List.of("/scripts/" + SCRIPT), labels));
    }

    /**
     * One app's database and owner, by a Job of its own that only the app's Flux Kustomization
     * waits for: it reads the superuser's password and that app's, nothing of any other app. It
     * runs the shared ConfigMap's one-database script (the PostgreSQL Kustomization, which it waits
     * for, applies it), so 10,000 apps add 10,000 Jobs, not 10,000 copies of a script.
     */
    static List<HasMetadata> appDatabaseJob(Context context, Databases.Database db, String app) {
        Map<String, VaultRef> secrets = new LinkedHashMap<>();
        secrets.put(
                PostgresComponent.SUPERUSER_FILE,
                context.config()
                        .infrastructure()
                        .require(PostgresSettings.class)
                        .superuserPassword());
        secrets.put(db.secretFile(), db.password());
        Map<String, String> annotations =
                new LinkedHashMap<>(VaultInjection.vaultAnnotations(DATABASES_JOB, secrets, true));
        annotations.put("checksum/script", Checksum.sha256(appScript(context)));
        var job =
                job(
                        context,
                        app + "-database",
                        annotations,
                        List.of(
                                "/scripts/" + APP_SCRIPT,
                                db.name(),
                                Workloads.VAULT_SECRETS_DIR + db.secretFile()),
                        Context.labels(DATABASES_JOB, "database"));
        job.getMetadata()
                .getAnnotations()
                .put(io.neotool.gitops.config.Annotations.DATABASES, db.name());
        return List.of(job);
    }

    private static String names(List<Databases.Database> databases) {
        return String.join(
                ",",
                new java.util.TreeSet<>(databases.stream().map(Databases.Database::name).toList()));
    }

    /** The script for one database named by its arguments, as each app's Job runs it. */
    private static String appScript(Context context) {
        return script(context, List.of(), List.of(), false, "", true);
    }

    /**
     * The script: ensures {@code ensure} (or, {@code single}, the one of its arguments), and
     * PgBouncer's lookup answering for {@code owners} when {@code pooler}.
     */
    private static String script(
            Context context,
            List<Databases.Database> ensure,
            List<Databases.Database> owners,
            boolean pooler,
            String exporterRole,
            boolean single) {
        Map<String, Object> model = new java.util.HashMap<>();
        model.put("databases", ensure);
        model.put("owners", owners);
        model.put("pgbouncer", pooler);
        model.put("single", single);
        model.put("secretsDir", Workloads.VAULT_SECRETS_DIR);
        model.put("superuserFile", PostgresComponent.SUPERUSER_FILE);
        model.put("pgbouncerFile", PostgresComponent.PGBOUNCER_FILE);
        model.put("host", PostgresComponent.host(context.config()));
        model.put("port", String.valueOf(PostgresComponent.PORT));
        model.put("exporterRole", exporterRole);
        return context.templates().render("postgres-databases.sh.ftl", model);
    }

    /**
     * A Job running {@code command} with bash in the PostgreSQL image, the shared ConfigMap's
     * scripts mounted. Its pod template carries the script's checksum: a changed script is a
     * changed template, which Flux applies by recreating the Job ({@code force}), so it runs again.
     * Its pods run as the Jobs' ServiceAccount and carry its labels, so one Vault role and one
     * network policy serve them all.
     */
    private static io.fabric8.kubernetes.api.model.batch.v1.Job job(
            Context context,
            String name,
            Map<String, String> annotations,
            List<String> command,
            Map<String, String> labels) {
        PostgresSettings pg = context.config().infrastructure().require(PostgresSettings.class);
        List<String> bash = new java.util.ArrayList<>(List.of("/bin/bash"));
        bash.addAll(command);
        var container =
                new ContainerBuilder()
                        .withName("ensure-databases")
                        .withImage(pg.image())
                        .withCommand(bash)
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
        return Workloads.forcedJob(
                name,
                labels,
                annotations,
                DATABASES_JOB,
                container,
                List.of(
                        scripts,
                        VaultInjection.emptyDir("tmp"),
                        VaultInjection.vaultTokenVolume()));
    }
}
