package io.neotool.gitops.component;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.InfrastructureConfig;
import io.neotool.gitops.config.VaultRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared PostgreSQL: a one-replica StatefulSet on a local-path volume, a client Service and the
 * headless Service of the StatefulSet, and the first-start script that creates each database, its
 * owner role and PgBouncer's lookup function, with passwords the Vault agent renders into files.
 */
public final class PostgresComponent implements Component {
    public static final String SERVICE = "postgres";
    public static final int PORT = 5432;
    /** UID and GID of the {@code postgres} user of the official image. */
    static final long UID = 999;
    static final String SUPERUSER_FILE = "postgres-password";
    static final String PGBOUNCER_FILE = "pgbouncer-password";

    @Override public String name() { return "postgres"; }
    @Override public Layer layer() { return Layer.CONFIGS; }
    @Override public String configPath() { return "infrastructure.postgres"; }

    @Override
    public boolean enabled(EnvironmentConfig config) {
        return InfrastructureConfig.enabled(config.infrastructure().postgres());
    }

    @Override
    public List<HasMetadata> objects(Context context) {
        EnvironmentConfig config = context.config();
        InfrastructureConfig.Postgres pg = config.infrastructure().postgres();
        Map<String, String> labels = Context.labels(name(), "database");
        List<Databases.Database> databases = Databases.of(config);

        Map<String, VaultRef> secrets = new LinkedHashMap<>();
        secrets.put(SUPERUSER_FILE, pg.superuserPassword());
        var pgbouncer = config.infrastructure().pgbouncer();
        boolean withPgBouncer = InfrastructureConfig.enabled(pgbouncer);
        if (withPgBouncer) {
            secrets.put(PGBOUNCER_FILE, pgbouncer.authUserPassword());
        }
        databases.forEach(db -> secrets.put(db.secretFile(), db.password()));

        String init = context.templates().render("postgres-init.sh.ftl", Map.of(
                "databases", databases,
                "pgbouncer", withPgBouncer,
                "secretsDir", Workloads.VAULT_SECRETS_DIR,
                "pgbouncerFile", PGBOUNCER_FILE));
        var initScripts = new ConfigMapBuilder()
                .withNewMetadata().withName("postgres-init").withLabels(labels).endMetadata()
                .addToData("10-neotool-databases.sh", init)
                .build();

        var container = new ContainerBuilder()
                .withName("postgres")
                .withImage(pg.image())
                .withArgs("-c", "max_connections=" + pg.maxConnections(), "-c", "shared_buffers=" + pg.sharedBuffers(),
                        "-c", "password_encryption=scram-sha-256")
                .withEnv(Workloads.env("POSTGRES_USER", "postgres"),
                        Workloads.env("POSTGRES_PASSWORD_FILE", Workloads.VAULT_SECRETS_DIR + SUPERUSER_FILE),
                        Workloads.env("POSTGRES_INITDB_ARGS", "--auth-host=scram-sha-256"))
                .addNewPort().withName("postgres").withContainerPort(PORT).withProtocol("TCP").endPort()
                .withResources(Workloads.resources(pg.resources()))
                .withStartupProbe(Workloads.execProbe(List.of("pg_isready", "-h", "127.0.0.1", "-U", "postgres"), 5, 5))
                .withReadinessProbe(Workloads.execProbe(List.of("pg_isready", "-h", "127.0.0.1", "-U", "postgres"), 0, 10))
                .withLivenessProbe(Workloads.execProbe(List.of("pg_isready", "-h", "127.0.0.1", "-U", "postgres"), 0, 20))
                .withSecurityContext(Workloads.containerSecurity(UID, UID, Workloads.readOnlyRoot(pg.exemptions())))
                .addNewVolumeMount().withName("data").withMountPath("/var/lib/postgresql").endVolumeMount()
                .addNewVolumeMount().withName("init").withMountPath("/docker-entrypoint-initdb.d").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("run").withMountPath("/var/run/postgresql").endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .build();

        var statefulSet = new StatefulSetBuilder()
                .withNewMetadata().withName(SERVICE).withLabels(labels).withAnnotations(Workloads.checkovSkips(pg.exemptions())).endMetadata()
                .withNewSpec()
                .withServiceName(SERVICE + "-headless")
                .withReplicas(1)
                .withNewSelector().withMatchLabels(Context.selector(name())).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels)
                .withAnnotations(Workloads.vaultAnnotations(name(), secrets, false)).endMetadata()
                .withNewSpec()
                .withServiceAccountName(name())
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext().withFsGroup(UID).withRunAsNonRoot(true)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .withTerminationGracePeriodSeconds(60L)
                .withContainers(container)
                .addNewVolume().withName("init").withNewConfigMap().withName("postgres-init").withDefaultMode(0555).endConfigMap().endVolume()
                .addToVolumes(Workloads.emptyDir("run"), Workloads.emptyDir("tmp"), Workloads.vaultTokenVolume())
                .endSpec()
                .endTemplate()
                .withVolumeClaimTemplates(Workloads.claimTemplate("data", config.cluster().storageClass(), pg.storage()))
                .endSpec()
                .build();

        var service = new ServiceBuilder()
                .withNewMetadata().withName(SERVICE).withLabels(labels).endMetadata()
                .withNewSpec().withType("ClusterIP").withSelector(Context.selector(name()))
                .addNewPort().withName("postgres").withPort(PORT).withNewTargetPort("postgres").withProtocol("TCP").endPort()
                .endSpec().build();
        var headless = new ServiceBuilder()
                .withNewMetadata().withName(SERVICE + "-headless").withLabels(labels).endMetadata()
                .withNewSpec().withClusterIP("None").withSelector(Context.selector(name()))
                .addNewPort().withName("postgres").withPort(PORT).withNewTargetPort("postgres").withProtocol("TCP").endPort()
                .endSpec().build();
        return List.of(Workloads.serviceAccount(name(), labels), initScripts, statefulSet, service, headless);
    }
}
