package io.neotool.gitops.component;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.InfrastructureConfig;
import io.neotool.gitops.config.PgBouncerSettings;
import io.neotool.gitops.config.PostgresSettings;
import io.neotool.gitops.config.Resources;
import io.neotool.gitops.config.SettingsKey;
import io.neotool.gitops.config.VaultRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared PostgreSQL: a one-replica StatefulSet on a local-path volume mounted where the image's
 * major version keeps its data, a client Service and the headless Service of the StatefulSet, and
 * the Job {@value #DATABASES_JOB} that creates each database, its owner role and PgBouncer's lookup
 * function. The Job is idempotent and Flux recreates it whenever its script changes, so an app
 * added on a live cluster gets its database too (an init script would run only on an empty volume).
 */
public final class PostgresComponent implements Component {
    public static final String SERVICE = "postgres";
    public static final int PORT = 5432;

    /** The Job that creates the declared databases and roles. */
    public static final String DATABASES_JOB = "postgres-databases";

    /** UID and GID of the {@code postgres} user of the official image. */
    static final long UID = 999;

    static final String SUPERUSER_FILE = "postgres-password";
    static final String PGBOUNCER_FILE = "pgbouncer-password";
    static final String SCRIPT = "ensure-databases.sh";

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Layer layer() {
        return Layer.CONFIGS;
    }

    @Override
    public SettingsKey<PostgresSettings> settingsKey() {
        return new SettingsKey<>("postgres", PostgresSettings.class);
    }

    @Override
    public boolean enabled(EnvironmentConfig config) {
        return config.infrastructure().enabled(PostgresSettings.class);
    }

    /** Whether there is anything for the databases Job to create. */
    public static boolean needsDatabasesJob(EnvironmentConfig config) {
        return !Databases.of(config).isEmpty()
                || config.infrastructure().enabled(PgBouncerSettings.class);
    }

    /**
     * The Vault secrets the databases Job reads: the superuser's, PgBouncer's and each owner's
     * password.
     */
    public static Map<String, VaultRef> jobSecrets(EnvironmentConfig config) {
        Map<String, VaultRef> secrets = new LinkedHashMap<>();
        secrets.put(
                SUPERUSER_FILE,
                config.infrastructure().get(PostgresSettings.class).superuserPassword());
        var pgbouncer = config.infrastructure().get(PgBouncerSettings.class);
        if (InfrastructureConfig.enabled(pgbouncer)) {
            secrets.put(PGBOUNCER_FILE, pgbouncer.authUserPassword());
        }
        Databases.of(config).forEach(db -> secrets.put(db.secretFile(), db.password()));
        return secrets;
    }

    @Override
    public List<HasMetadata> objects(Context context) {
        EnvironmentConfig config = context.config();
        PostgresSettings pg = config.infrastructure().get(PostgresSettings.class);
        Map<String, String> labels = Context.labels(name(), "database");

        List<EnvVar> env =
                new ArrayList<>(
                        List.of(
                                Workloads.env("POSTGRES_USER", "postgres"),
                                Workloads.env(
                                        "POSTGRES_PASSWORD_FILE",
                                        Workloads.VAULT_SECRETS_DIR + SUPERUSER_FILE),
                                Workloads.env(
                                        "POSTGRES_INITDB_ARGS", "--auth-host=scram-sha-256")));
        if (pg.pgdata() != null) {
            env.add(Workloads.env("PGDATA", pg.pgdata()));
        }
        var container =
                new ContainerBuilder()
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
                        .withContainerPort(PORT)
                        .withProtocol("TCP")
                        .endPort()
                        .withResources(Workloads.resources(pg.resources()))
                        .withStartupProbe(
                                Workloads.execProbe(
                                        List.of("pg_isready", "-h", "127.0.0.1", "-U", "postgres"),
                                        5,
                                        5))
                        .withReadinessProbe(
                                Workloads.execProbe(
                                        List.of("pg_isready", "-h", "127.0.0.1", "-U", "postgres"),
                                        0,
                                        10))
                        .withLivenessProbe(
                                Workloads.execProbe(
                                        List.of("pg_isready", "-h", "127.0.0.1", "-U", "postgres"),
                                        0,
                                        20))
                        .withSecurityContext(
                                Workloads.containerSecurity(
                                        UID, UID, Workloads.readOnlyRoot(pg.exemptions())))
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

        var statefulSet =
                new StatefulSetBuilder()
                        .withNewMetadata()
                        .withName(SERVICE)
                        .withLabels(labels)
                        .withAnnotations(Workloads.checkovSkips(pg.exemptions()))
                        .endMetadata()
                        .withNewSpec()
                        .withServiceName(SERVICE + "-headless")
                        .withReplicas(1)
                        .withNewSelector()
                        .withMatchLabels(Context.selector(name()))
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(labels)
                        .withAnnotations(
                                Workloads.vaultAnnotations(
                                        name(),
                                        Map.of(SUPERUSER_FILE, pg.superuserPassword()),
                                        false))
                        .endMetadata()
                        .withNewSpec()
                        .withServiceAccountName(name())
                        .withAutomountServiceAccountToken(false)
                        .withNewSecurityContext()
                        .withFsGroup(UID)
                        .withRunAsNonRoot(true)
                        .withNewSeccompProfile()
                        .withType("RuntimeDefault")
                        .endSeccompProfile()
                        .endSecurityContext()
                        .withTerminationGracePeriodSeconds(60L)
                        .withContainers(container)
                        .addToVolumes(
                                Workloads.emptyDir("run"),
                                Workloads.emptyDir("tmp"),
                                Workloads.vaultTokenVolume())
                        .endSpec()
                        .endTemplate()
                        .withVolumeClaimTemplates(
                                Workloads.claimTemplate(
                                        "data", config.cluster().storageClass(), pg.storage()))
                        .endSpec()
                        .build();

        var service = Workloads.clusterIpService(SERVICE, labels, "postgres", PORT);
        var headless =
                new ServiceBuilder()
                        .withNewMetadata()
                        .withName(SERVICE + "-headless")
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .withClusterIP("None")
                        .withSelector(Context.selector(name()))
                        .addNewPort()
                        .withName("postgres")
                        .withPort(PORT)
                        .withNewTargetPort("postgres")
                        .withProtocol("TCP")
                        .endPort()
                        .endSpec()
                        .build();
        List<HasMetadata> objects =
                new ArrayList<>(
                        List.of(
                                Workloads.serviceAccount(name(), labels),
                                statefulSet,
                                service,
                                headless));
        if (needsDatabasesJob(config)) {
            objects.addAll(databasesJob(context));
        }
        return objects;
    }

    /**
     * The databases Job with its script and ServiceAccount. Its pod template carries the script's
     * checksum: a changed script is a changed template, which Flux applies by recreating the Job
     * ({@code force}), so the Job runs again.
     */
    private List<HasMetadata> databasesJob(Context context) {
        EnvironmentConfig config = context.config();
        PostgresSettings pg = config.infrastructure().get(PostgresSettings.class);
        Map<String, String> labels = Context.labels(DATABASES_JOB, "database");
        String script =
                context.templates()
                        .render(
                                "postgres-databases.sh.ftl",
                                Map.of(
                                        "databases",
                                        Databases.of(config),
                                        "pgbouncer",
                                        InfrastructureConfig.enabled(
                                                config.infrastructure()
                                                        .get(PgBouncerSettings.class)),
                                        "secretsDir",
                                        Workloads.VAULT_SECRETS_DIR,
                                        "superuserFile",
                                        SUPERUSER_FILE,
                                        "pgbouncerFile",
                                        PGBOUNCER_FILE,
                                        "host",
                                        SERVICE,
                                        "port",
                                        String.valueOf(PORT)));
        var configMap =
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(DATABASES_JOB)
                        .withLabels(labels)
                        .endMetadata()
                        .addToData(SCRIPT, script)
                        .build();
        Map<String, String> annotations =
                new LinkedHashMap<>(
                        Workloads.vaultAnnotations(DATABASES_JOB, jobSecrets(config), true));
        annotations.put("checksum/script", PgBouncerComponent.sha256(script));
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
                        .withSecurityContext(Workloads.containerSecurity(UID, UID, true))
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
                        List.of(scripts, Workloads.emptyDir("tmp"), Workloads.vaultTokenVolume()));
        return List.of(Workloads.serviceAccount(DATABASES_JOB, labels), configMap, job);
    }

    @Override
    public Map<String, Map<String, String>> workloads(EnvironmentConfig config) {
        Map<String, Map<String, String>> workloads = new java.util.TreeMap<>();
        workloads.put(SERVICE, Context.selector(SERVICE));
        if (needsDatabasesJob(config)) {
            workloads.put(DATABASES_JOB, Context.selector(DATABASES_JOB));
        }
        return workloads;
    }

    @Override
    public List<NetworkGraph.Edge> edges(Context context) {
        List<NetworkGraph.Edge> edges =
                new ArrayList<>(
                        List.of(new NetworkGraph.Edge(SERVICE, "vault", NetworkGraph.VAULT_PORT)));
        if (needsDatabasesJob(context.config())) {
            edges.add(new NetworkGraph.Edge(DATABASES_JOB, SERVICE, PORT));
            edges.add(new NetworkGraph.Edge(DATABASES_JOB, "vault", NetworkGraph.VAULT_PORT));
        }
        return edges;
    }

    /** The server reads only the superuser's password; the databases Job every password it sets. */
    @Override
    public Map<String, List<String>> vaultPaths(EnvironmentConfig config) {
        Map<String, List<String>> paths = new java.util.TreeMap<>();
        paths.put(
                SERVICE,
                List.of(
                        config.infrastructure()
                                .get(PostgresSettings.class)
                                .superuserPassword()
                                .path()));
        if (needsDatabasesJob(config)) {
            paths.put(
                    DATABASES_JOB,
                    jobSecrets(config).values().stream().map(VaultRef::path).toList());
        }
        return paths;
    }

    @Override
    public Map<String, String> versions(EnvironmentConfig config) {
        return Workloads.imageVersion(config.infrastructure().get(PostgresSettings.class).image());
    }
}
