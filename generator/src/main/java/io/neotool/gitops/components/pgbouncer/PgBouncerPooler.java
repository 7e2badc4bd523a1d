package io.neotool.gitops.components.pgbouncer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.neotool.gitops.components.cloudnativepg.CloudNativePgComponent;
import io.neotool.gitops.components.postgres.PostgresCluster;
import io.neotool.gitops.monitoring.Alert;
import io.neotool.gitops.monitoring.Dashboard;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.Scrape;
import io.neotool.gitops.platform.Workloads;
import io.neotool.gitops.render.CanonicalYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * PgBouncer for {@code ha}: CloudNativePG's {@code Pooler} named {@value
 * PgBouncerComponent#SERVICE}, so the apps' address stays the same Service on port {@value
 * PgBouncerComponent#PORT}, in front of the Cluster's primary. The auth model is the same: each app
 * logs in as its database's owner and PgBouncer looks the password up on the server
 * (CloudNativePG's own lookup user, by certificate). At least two pods, spread over the nodes, with
 * a disruption budget of one.
 */
final class PgBouncerPooler {
    private PgBouncerPooler() {}

    /** The Pooler's metrics port (CloudNativePG's PgBouncer instance manager). */
    static final int METRICS_PORT = 9127;

    /** The pods of the Pooler, by the label CloudNativePG gives them. */
    static Map<String, String> selector() {
        return Map.of("cnpg.io/poolerName", PgBouncerComponent.SERVICE);
    }

    static int instances(PgBouncerSettings b) {
        return Math.max(2, b.replicas());
    }

    static List<HasMetadata> objects(Context context, PgBouncerSettings b) {
        Map<String, Object> pgbouncer = new LinkedHashMap<>();
        pgbouncer.put("poolMode", b.poolMode().name().toLowerCase(Locale.ROOT));
        pgbouncer.put(
                "parameters",
                new java.util.TreeMap<>(
                        Map.of(
                                "max_client_conn",
                                String.valueOf(b.maxClientConn()),
                                "default_pool_size",
                                String.valueOf(b.defaultPoolSize()))));
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "pgbouncer");
        container.put("image", CloudNativePgComponent.poolerImage(context.config()));
        container.put(
                "resources",
                Objects.requireNonNull(CanonicalYaml.tree(Workloads.resources(b.resources()))));
        Map<String, Object> podMetadata = new LinkedHashMap<>();
        podMetadata.put("labels", Context.labels(PgBouncerComponent.SERVICE, "connection-pooler"));
        if (context.scraped()) {
            podMetadata.put("annotations", Workloads.scrapeAnnotations(METRICS_PORT, "/metrics"));
        }
        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("containers", List.of(container));
        podSpec.put(
                "topologySpreadConstraints",
                List.of(
                        Map.of(
                                "maxSkew",
                                1,
                                "topologyKey",
                                "kubernetes.io/hostname",
                                "whenUnsatisfiable",
                                "DoNotSchedule",
                                "labelSelector",
                                Map.of("matchLabels", selector()))));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cluster", Map.of("name", PostgresCluster.NAME));
        spec.put("instances", instances(b));
        spec.put("type", "rw");
        spec.put("pgbouncer", pgbouncer);
        spec.put("template", Map.of("metadata", podMetadata, "spec", podSpec));
        var pooler =
                io.neotool.gitops.platform.CustomResources.of(
                        context,
                        "postgresql.cnpg.io/v1",
                        "Pooler",
                        PgBouncerComponent.SERVICE,
                        Context.labels(PgBouncerComponent.SERVICE, "connection-pooler"),
                        spec);
        var budget =
                new PodDisruptionBudgetBuilder()
                        .withNewMetadata()
                        .withName(PgBouncerComponent.SERVICE)
                        .withLabels(Context.labels(PgBouncerComponent.SERVICE, "connection-pooler"))
                        .endMetadata()
                        .withNewSpec()
                        .withMaxUnavailable(new IntOrString(1))
                        .withNewSelector()
                        .withMatchLabels(selector())
                        .endSelector()
                        .endSpec()
                        .build();
        return List.of(pooler, budget);
    }

    static List<Edge> edges(Context context) {
        String self = PgBouncerComponent.SERVICE;
        List<Edge> edges = new java.util.ArrayList<>();
        edges.add(
                new Edge(
                        self,
                        io.neotool.gitops.components.postgres.PostgresComponent.SERVICE,
                        5432));
        edges.add(new Edge(self, Edge.API_SERVER, 443));
        edges.add(new Edge(self, Edge.API_SERVER, 6443));
        edges.add(new Edge(CloudNativePgComponent.NAME, self, CloudNativePgComponent.STATUS_PORT));
        if (context.scraped()) {
            edges.add(new Edge("prometheus", self, METRICS_PORT));
        }
        return edges;
    }

    /**
     * CloudNativePG's PgBouncer metrics ({@code cnpg_pgbouncer_*}): clients waiting, a pod down.
     */
    static Monitoring monitoring(Context context, PgBouncerSettings b) {
        int waiting = b.waitingClientsAlert();
        String series = "cnpg_pgbouncer_pools_cl_waiting{database=\"app\", user=\"app\"}";
        String up =
                "cnpg_pgbouncer_collection_errors_total{pod=\"pgbouncer-0\", collector=\"pools\"}";
        List<Alert> alerts =
                List.of(
                        new Alert(
                                "pgbouncer",
                                "PgBouncerCollectionFailing",
                                "increase(cnpg_pgbouncer_collection_errors_total[5m]) > 0",
                                "5m",
                                Alert.Severity.CRITICAL,
                                "PgBouncer pod {{ $labels.pod }} does not answer its instance manager",
                                "The Pooler's instance manager could not read PgBouncer's admin console for 5 minutes; apps connect through PgBouncer (the other pods still serve).",
                                Alert.Case.of(
                                        "15m",
                                        Map.of("pod", "pgbouncer-0", "collector", "pools"),
                                        up,
                                        "0+1x20"),
                                Alert.Case.of("15m", Map.of(), up, "0x20")),
                        PgBouncerMetrics.clientsWaiting(
                                waiting, "cnpg_pgbouncer_pools_cl_waiting", series));
        Dashboard dashboard =
                Scrape.dashboard(
                        context,
                        PgBouncerComponent.SERVICE,
                        "PgBouncer (CloudNativePG Pooler)",
                        List.of(
                                Dashboard.Panel.series(
                                        "Clients active and waiting",
                                        "short",
                                        "sum by (database) (cnpg_pgbouncer_pools_cl_active)",
                                        "sum by (database) (cnpg_pgbouncer_pools_cl_waiting)"),
                                Dashboard.Panel.series(
                                        "Server connections active and idle",
                                        "short",
                                        "sum by (database) (cnpg_pgbouncer_pools_sv_active)",
                                        "sum by (database) (cnpg_pgbouncer_pools_sv_idle)"),
                                Dashboard.Panel.series(
                                        "Longest wait",
                                        "s",
                                        "max by (database) (cnpg_pgbouncer_pools_maxwait)")));
        return new Monitoring(
                List.of("pgbouncer (CloudNativePG Pooler :" + METRICS_PORT + ")"),
                alerts,
                List.of(dashboard));
    }
}
