package io.neotool.gitops.components.postgres;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.Renovate;
import io.neotool.gitops.platform.SettingsComponent;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared PostgreSQL: a one-replica StatefulSet on a local-path volume mounted where the image's
 * major version keeps its data, a client Service and the headless Service of the StatefulSet, and
 * the Job {@value #DATABASES_JOB} that creates each database, its owner role and PgBouncer's lookup
 * function. The Job is idempotent and Flux recreates it whenever its script changes, so an app
 * added on a live cluster gets its database too (an init script would run only on an empty volume).
 */
public final class PostgresComponent extends SettingsComponent<PostgresSettings> {
    public static final String SERVICE = "postgres";
    public static final int PORT = 5432;

    /** UID and GID of the {@code postgres} user of the official image. */
    public static final long UID = 999;

    public static final String SUPERUSER_FILE = "postgres-password";
    static final String PGBOUNCER_FILE = "pgbouncer-password";

    public PostgresComponent() {
        super("postgres", Layer.CONFIGS, "postgres", PostgresSettings.class);
    }

    /** A CloudNativePG Cluster ({@code ha}, with the operator on). */
    static boolean clustered(EnvironmentConfig config) {
        return io.neotool.gitops.components.cloudnativepg.CloudNativePgComponent.runs(config);
    }

    /** The Service of the server that takes writes: the primary's on three nodes. */
    public static String host(EnvironmentConfig config) {
        return clustered(config) ? PostgresCluster.RW_SERVICE : SERVICE;
    }

    @Override
    public List<HasMetadata> objects(Context context) {
        EnvironmentConfig config = context.config();
        PostgresSettings pg = settings(config);
        if (clustered(config)) {
            List<HasMetadata> objects = new ArrayList<>(PostgresSecrets.objects(context));
            objects.addAll(PostgresCluster.objects(context, pg));
            if (DatabasesJob.needsDatabasesJob(config)) {
                objects.addAll(DatabasesJob.databasesJob(context));
            }
            return objects;
        }
        Map<String, String> labels = Context.labels(name(), "database");

        var container = PostgresServer.container(pg);

        var statefulSet =
                new StatefulSetBuilder()
                        .withNewMetadata()
                        .withName(SERVICE)
                        .withLabels(labels)
                        .withAnnotations(PodSecurity.checkovSkips(pg.exemptions()))
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
                                DatabaseMetrics.postgresAnnotations(
                                        context,
                                        VaultInjection.vaultAnnotations(
                                                name(),
                                                Map.of(SUPERUSER_FILE, pg.superuserPassword()),
                                                false)))
                        .endMetadata()
                        .withNewSpec()
                        .withServiceAccountName(name())
                        .withAutomountServiceAccountToken(false)
                        .withSecurityContext(PodSecurity.pod(UID))
                        .withTerminationGracePeriodSeconds(60L)
                        .withContainers(DatabaseMetrics.postgresContainers(context, pg, container))
                        .addToVolumes(
                                VaultInjection.emptyDir("run"),
                                VaultInjection.emptyDir("tmp"),
                                VaultInjection.vaultTokenVolume())
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
        if (DatabasesJob.needsDatabasesJob(config)) {
            objects.addAll(DatabasesJob.databasesJob(context));
        }
        return objects;
    }

    @Override
    public io.neotool.gitops.monitoring.Monitoring monitoring(Context context) {
        if (clustered(context.config())) {
            return ClusterMetrics.of(context);
        }
        return DatabaseMetrics.postgres(context);
    }

    @Override
    public Map<String, Map<String, String>> workloads(EnvironmentConfig config) {
        Map<String, Map<String, String>> workloads = new java.util.TreeMap<>();
        if (clustered(config)) {
            workloads.put(SERVICE, PostgresCluster.instanceSelector());
            workloads.put(PostgresSecrets.NAME, Context.selector(PostgresSecrets.NAME));
        } else {
            workloads.put(SERVICE, Context.selector(SERVICE));
        }
        if (DatabasesJob.needsDatabasesJob(config)) {
            workloads.put(DatabasesJob.DATABASES_JOB, Context.selector(DatabasesJob.DATABASES_JOB));
        }
        return workloads;
    }

    @Override
    public List<Edge> edges(Context context) {
        List<Edge> edges = new ArrayList<>();
        if (clustered(context.config())) {
            edges.addAll(ClusterEdges.of(context));
        } else {
            edges.add(new Edge(SERVICE, "vault", VaultInjection.VAULT_PORT));
            if (context.scraped()) {
                edges.add(new Edge("prometheus", SERVICE, PostgresExporter.PORT));
            }
        }
        if (DatabasesJob.needsDatabasesJob(context.config())) {
            edges.add(new Edge(DatabasesJob.DATABASES_JOB, SERVICE, PORT));
            edges.add(new Edge(DatabasesJob.DATABASES_JOB, "vault", VaultInjection.VAULT_PORT));
        }
        return edges;
    }

    /** The server reads only the superuser's password; the databases Job every password it sets. */
    @Override
    public Map<String, List<String>> vaultPaths(EnvironmentConfig config) {
        Map<String, List<String>> paths = new java.util.TreeMap<>();
        if (clustered(config)) {
            paths.put(PostgresSecrets.NAME, PostgresSecrets.paths(config));
        } else {
            paths.put(SERVICE, List.of(settings(config).superuserPassword().path()));
        }
        if (DatabasesJob.needsDatabasesJob(config)) {
            paths.put(DatabasesJob.DATABASES_JOB, DatabasesJob.rolePaths(config));
        }
        return paths;
    }

    @Override
    public Map<String, String> versions(EnvironmentConfig config) {
        PostgresSettings pg = settings(config);
        if (clustered(config)) {
            Map<String, String> versions =
                    new java.util.TreeMap<>(Workloads.imageVersion(pg.image()));
            versions.putAll(Workloads.imageVersion(PostgresSecrets.kubectlImage(config.cluster())));
            return versions;
        }
        return Workloads.imageVersions(pg.image(), pg.exporterImage());
    }

    /** On three nodes the Cluster needs its operator, whose CRDs and webhook must be there. */
    @Override
    public List<String> needs(EnvironmentConfig config) {
        return clustered(config)
                ? List.of(io.neotool.gitops.components.cloudnativepg.CloudNativePgComponent.NAME)
                : List.of();
    }

    @Override
    public java.util.Set<String> takenNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(PostgresCluster.TAKEN);
        names.addAll(java.util.Set.of("postgres", "postgres-headless", "postgres-databases"));
        return names;
    }

    /** A PostgreSQL major changes the data layout and needs pg_upgrade: never bumped by a bot. */
    @Override
    public List<Map<String, Object>> renovateRules() {
        return List.of(
                Renovate.rule(
                        "PostgreSQL majors change the data layout and need pg_upgrade: never bumped automatically",
                        "matchDatasources",
                        List.of("docker"),
                        "matchPackageNames",
                        Renovate.packages("postgres"),
                        "matchUpdateTypes",
                        List.of("major"),
                        "enabled",
                        false));
    }

    /** An app's database: created by a Job in a Flux Kustomization of the app's own. */
    @Override
    public Map<String, List<HasMetadata>> appUnits(Context context, AppConfig app) {
        Databases.Database db = Databases.ofApp(app);
        return db == null
                ? Map.of()
                : Map.of("database", DatabasesJob.appDatabaseJob(context, db, app.name()));
    }
}
