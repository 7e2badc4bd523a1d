package io.neotool.gitops.components.pgbouncer;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.neotool.gitops.components.postgres.PostgresComponent;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.VaultRef;
import io.neotool.gitops.platform.AppUse;
import io.neotool.gitops.platform.Checksum;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.Exporters;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.SettingsComponent;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
import java.util.List;
import java.util.Map;

/**
 * PgBouncer between the apps and PostgreSQL. Its {@code pgbouncer.ini} is rendered from the config
 * into a ConfigMap (a checksum annotation rolls the pods when it changes); users are looked up in
 * PostgreSQL through {@code auth_query}, so the only password it holds is its own, from Vault.
 */
public final class PgBouncerComponent extends SettingsComponent<PgBouncerSettings> {
    public static final String SERVICE = "pgbouncer";
    public static final int PORT = 5432;

    /** UID and GID of the {@code postgres} user of the edoburu/pgbouncer (Alpine) image. */
    static final long UID = 70;

    static final String USERLIST_FILE = "userlist.txt";

    public PgBouncerComponent() {
        super("pgbouncer", Layer.CONFIGS, "pgbouncer", PgBouncerSettings.class);
    }

    @Override
    protected String title() {
        return "PgBouncer";
    }

    /** An app that uses a database reaches it through PgBouncer. */
    @Override
    protected List<String> claims(AppConfig app) {
        return app.uses().database() != null ? List.of("uses.database") : List.of();
    }

    @Override
    public List<HasMetadata> objects(Context context) {
        EnvironmentConfig config = context.config();
        PgBouncerSettings b = settings(config);
        if (pooled(config)) {
            return PgBouncerPooler.objects(context, b);
        }
        Map<String, String> labels = Context.labels(name(), "connection-pooler");
        String ini = PgBouncerIni.render(context, b);
        var configMap =
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("pgbouncer-config")
                        .withLabels(labels)
                        .endMetadata()
                        .addToData("pgbouncer.ini", ini)
                        .build();

        VaultRef auth = b.authUserPassword();
        Map<String, String> annotations =
                new java.util.LinkedHashMap<>(
                        VaultInjection.vaultAnnotations(name(), Map.of(), false));
        annotations.put("vault.hashicorp.com/agent-inject-secret-" + USERLIST_FILE, auth.path());
        annotations.put(
                "vault.hashicorp.com/agent-inject-template-" + USERLIST_FILE,
                "{{- with secret \""
                        + auth.path()
                        + "\" -}}\"pgbouncer\" \"{{ .Data.data."
                        + auth.key()
                        // auth_file quoting: a double quote inside a field is written twice
                        + " | replaceAll \"\\\"\" \"\\\"\\\"\" }}\"{{- end }}");
        annotations.put("checksum/config", Checksum.sha256(ini));
        String exporter = context.scraped() ? b.exporterImage() : null;
        if (exporter != null) {
            annotations.put(
                    "vault.hashicorp.com/agent-inject-secret-" + PgBouncerExporter.DSN_FILE,
                    auth.path());
            annotations.put(
                    "vault.hashicorp.com/agent-inject-template-" + PgBouncerExporter.DSN_FILE,
                    PgBouncerExporter.dsnTemplate(auth, PORT));
            annotations.putAll(Exporters.annotations(PgBouncerExporter.PORT));
        }

        var container =
                new ContainerBuilder()
                        .withName("pgbouncer")
                        .withImage(b.image())
                        // pgbouncer itself, not the image's entrypoint script, which rewrites files
                        // under /etc/pgbouncer
                        .withCommand("/usr/bin/pgbouncer", "/etc/pgbouncer/pgbouncer.ini")
                        .addNewPort()
                        .withName("postgres")
                        .withContainerPort(PORT)
                        .withProtocol("TCP")
                        .endPort()
                        .withResources(Workloads.resources(b.resources()))
                        .withReadinessProbe(Workloads.tcpProbe(PORT, 5, 10))
                        .withLivenessProbe(Workloads.tcpProbe(PORT, 15, 20))
                        .withSecurityContext(
                                PodSecurity.containerSecurity(
                                        UID, UID, PodSecurity.readOnlyRoot(b.exemptions())))
                        .addNewVolumeMount()
                        .withName("config")
                        .withMountPath("/etc/pgbouncer/pgbouncer.ini")
                        .withSubPath("pgbouncer.ini")
                        .withReadOnly(true)
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("tmp")
                        .withMountPath("/tmp")
                        .endVolumeMount()
                        .build();
        var deployment =
                new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(SERVICE)
                        .withLabels(labels)
                        .withAnnotations(PodSecurity.checkovSkips(b.exemptions()))
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(b.replicas())
                        .withNewSelector()
                        .withMatchLabels(Context.selector(name()))
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(labels)
                        .withAnnotations(annotations)
                        .endMetadata()
                        .withNewSpec()
                        .withServiceAccountName(name())
                        .withAutomountServiceAccountToken(false)
                        .withSecurityContext(PodSecurity.pod(null))
                        .withContainers(
                                exporter == null
                                        ? List.of(container)
                                        : List.of(container, PgBouncerExporter.container(exporter)))
                        .addNewVolume()
                        .withName("config")
                        .withNewConfigMap()
                        .withName("pgbouncer-config")
                        .endConfigMap()
                        .endVolume()
                        .addToVolumes(
                                VaultInjection.emptyDir("tmp"), VaultInjection.vaultTokenVolume())
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build();
        var service = Workloads.clusterIpService(SERVICE, labels, "postgres", PORT);
        return List.of(Workloads.serviceAccount(name(), labels), configMap, deployment, service);
    }

    @Override
    public Map<String, Map<String, String>> workloads(EnvironmentConfig config) {
        return Map.of(
                SERVICE, pooled(config) ? PgBouncerPooler.selector() : Context.selector(SERVICE));
    }

    /** CloudNativePG's Pooler ({@code ha}, with the operator on). */
    static boolean pooled(EnvironmentConfig config) {
        return io.neotool.gitops.components.cloudnativepg.CloudNativePgComponent.runs(config);
    }

    @Override
    public List<Edge> edges(Context context) {
        if (pooled(context.config())) return PgBouncerPooler.edges(context);
        List<Edge> edges =
                new java.util.ArrayList<>(
                        List.of(
                                new Edge(
                                        SERVICE, PostgresComponent.SERVICE, PostgresComponent.PORT),
                                new Edge(SERVICE, "vault", VaultInjection.VAULT_PORT)));
        if (context.scraped()) {
            edges.add(new Edge("prometheus", SERVICE, PgBouncerExporter.PORT));
        }
        return edges;
    }

    @Override
    public io.neotool.gitops.monitoring.Monitoring monitoring(Context context) {
        return pooled(context.config())
                ? PgBouncerPooler.monitoring(context, settings(context.config()))
                : PgBouncerMetrics.of(context);
    }

    @Override
    public Map<String, List<String>> vaultPaths(EnvironmentConfig config) {
        return pooled(config)
                ? Map.of()
                : Map.of(SERVICE, List.of(settings(config).authUserPassword().path()));
    }

    @Override
    public Map<String, String> versions(EnvironmentConfig config) {
        PgBouncerSettings b = settings(config);
        // the Pooler's image is pinned with CloudNativePG's settings
        return pooled(config) ? Map.of() : Workloads.imageVersions(b.image(), b.exporterImage());
    }

    /** An app's database: through PgBouncer, as its own owner role, the password from Vault. */
    @Override
    public AppUse use(EnvironmentConfig config, AppConfig app) {
        AppConfig.Database database = app.uses().database();
        if (database == null) {
            return AppUse.NONE;
        }
        String db = database.name();
        Map<String, String> env = new java.util.TreeMap<>();
        env.put("DATABASE_HOST", SERVICE);
        env.put("DATABASE_PORT", String.valueOf(PORT));
        env.put("DATABASE_NAME", db);
        env.put("DATABASE_USER", db);
        env.put("DATABASE_PASSWORD_FILE", Workloads.VAULT_SECRETS_DIR + "database-password");
        if (app.type() == AppConfig.AppType.KOTLIN) {
            // PgBouncer pools transactions: server-side prepared statements must stay off.
            env.put(
                    "DATABASE_JDBC_URL",
                    "jdbc:postgresql://" + SERVICE + ":" + PORT + "/" + db + "?prepareThreshold=0");
        }
        return new AppUse(
                env,
                Map.of("database-password", database.password()),
                List.of(new Edge(app.name(), SERVICE, PORT)));
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of("pgbouncer");
    }

    /** PgBouncer looks every login up on PostgreSQL. */
    @Override
    public List<String> needs(EnvironmentConfig config) {
        return List.of(PostgresComponent.SERVICE);
    }
}
