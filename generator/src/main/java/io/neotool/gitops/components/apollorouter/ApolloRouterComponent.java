package io.neotool.gitops.components.apollorouter;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.components.prometheus.PrometheusComponent;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.platform.AppUse;
import io.neotool.gitops.platform.ChartSource;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.Scrape;
import io.neotool.gitops.platform.Workloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Apollo Router, the GraphQL gateway, from its OCI chart. It serves the supergraph schema committed
 * beside the config (composed by the services' CI), mounted from a ConfigMap and hot-reloaded.
 */
public final class ApolloRouterComponent extends HelmComponent<ApolloRouterSettings> {
    /** Where the chart comes from: Apollo's OCI registry. */
    static final ChartSource CHARTS =
            new ChartSource("apollo-router", "oci://ghcr.io/apollographql/helm-charts/router");

    public static final String SERVICE = "apollo-router";

    /** The router's pod port; the chart's Service exposes it on port 80. */
    public static final int PORT = 4000;

    static final int HEALTH_PORT = 8088;

    /** The router's Prometheus exporter, scraped through the pod annotations. */
    public static final int METRICS_PORT = 9090;

    /**
     * The {@code router} user of the image ({@code useradd -m router}, the first user of Debian).
     */
    static final long UID = 1000;

    static final String METRICS_PATH = "/metrics";
    static final String SUPERGRAPH_DIR = "/etc/apollo/supergraph";

    public ApolloRouterComponent() {
        super(
                "apollo-router",
                Layer.CONFIGS,
                "apolloRouter",
                ApolloRouterSettings.class,
                CHARTS,
                "router");
    }

    @Override
    protected String title() {
        return "Apollo Router";
    }

    /** An app that serves GraphQL is a subgraph of the router. */
    @Override
    protected List<String> claims(AppConfig app) {
        return app.uses().graphql() ? List.of("uses.graphql") : List.of();
    }

    private String configMapName() {
        return name() + "-supergraph";
    }

    /** The supergraph schema committed beside the config, with LF line ends. */
    private String supergraph(Context context) {
        Path base = context.loaded().baseDir();
        if (base == null) {
            throw new IllegalStateException("the config was read from no folder: no supergraph");
        }
        Path file = base.resolve(settings(context.config()).supergraphFile());
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the supergraph " + file, e);
        }
    }

    @Override
    protected List<HasMetadata> extraObjects(Context context) {
        String schema = supergraph(context);
        return List.of(
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(configMapName())
                        .withNamespace(context.namespace())
                        .withLabels(Context.labels(name(), "gateway"))
                        .endMetadata()
                        .addToData("supergraph.graphql", schema)
                        .build());
    }

    @Override
    protected Map<String, Object> values(Context context) {
        EnvironmentConfig config = context.config();
        ApolloRouterSettings r = settings(config);
        ImageRef image = ImageRef.of(r.image());
        Map<String, Object> routerConfig = new TreeMap<>();
        routerConfig.put(
                "supergraph",
                Map.of("listen", "0.0.0.0:" + PORT, "path", "/graphql", "introspection", false));
        routerConfig.put(
                "health_check", Map.of("enabled", true, "listen", "0.0.0.0:" + HEALTH_PORT));
        routerConfig.put("include_subgraph_errors", Map.of("all", false));
        routerConfig.put(
                "telemetry",
                Map.of(
                        "exporters",
                        Map.of(
                                "metrics",
                                Map.of(
                                        "prometheus",
                                        Map.of(
                                                "enabled",
                                                true,
                                                "listen",
                                                "0.0.0.0:" + METRICS_PORT,
                                                "path",
                                                METRICS_PATH)))));
        Map<String, Object> values = new TreeMap<>();
        values.put("image", Map.of("repository", image.repository(), "tag", image.tag()));
        values.put("replicaCount", r.replicas());
        io.neotool.gitops.platform.Spread.chartValues(
                values, context.config(), r.replicas(), name(), Map.of("maxUnavailable", 1));
        values.put("resources", Workloads.resourceValues(r.resources()));
        values.put(
                "router",
                Map.of(
                        "configuration",
                        routerConfig,
                        "args",
                        List.of(
                                "--hot-reload",
                                "--supergraph",
                                SUPERGRAPH_DIR + "/supergraph.graphql")));
        values.put(
                "extraVolumes",
                List.of(
                        Map.of(
                                "name",
                                "supergraph",
                                "configMap",
                                Map.of("name", configMapName()))));
        values.put(
                "extraVolumeMounts",
                List.of(
                        Map.of(
                                "name",
                                "supergraph",
                                "mountPath",
                                SUPERGRAPH_DIR,
                                "readOnly",
                                true)));
        values.put("serviceAccount", Map.of("create", true, "name", name()));
        // The chart (2.7.0) puts its prometheus.io annotations on the Deployment, which no scrape
        // job
        // reads; the pods carry them here.
        values.put("podAnnotations", Workloads.scrapeAnnotations(METRICS_PORT, METRICS_PATH));
        values.put("podSecurityContext", PodSecurity.restrictedPodValues(UID, UID));
        values.put("securityContext", PodSecurity.restrictedContainerValues(UID, UID));
        if (r.host() != null) {
            values.put("ingress", Workloads.chartIngress(context, r.host(), "/graphql"));
        }
        return values;
    }

    /**
     * Public through Traefik when it has a host, to each subgraph its supergraph names, scraped by
     * Prometheus.
     */
    @Override
    public List<Edge> edges(Context context) {
        EnvironmentConfig config = context.config();
        ApolloRouterSettings r = settings(config);
        List<Edge> edges = new java.util.ArrayList<>();
        if (r.host() != null) {
            edges.add(new Edge(Edge.TRAEFIK, SERVICE, PORT));
        }
        for (String subgraph : subgraphs(context)) {
            config.apps().stream()
                    .filter(a -> a.name().equals(subgraph))
                    .findFirst()
                    .ifPresent(app -> edges.add(new Edge(SERVICE, app.name(), app.port())));
        }
        if (context.scraped()) {
            edges.add(new Edge(PrometheusComponent.SERVICE, SERVICE, METRICS_PORT));
        }
        return edges;
    }

    /**
     * The services the supergraph routes to ({@code @join__graph(url: "http://<service>/...")}),
     * read as the config's validation reads them ({@link ApolloRouterSettings#subgraphs}).
     */
    private List<String> subgraphs(Context context) {
        return ApolloRouterSettings.subgraphs(supergraph(context)).stream()
                .map(ApolloRouterSettings.Subgraph::service)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** GraphQL: the Router (the chart's Service listens on 80). */
    @Override
    public AppUse use(EnvironmentConfig config, AppConfig app) {
        if (!app.uses().graphql()) {
            return AppUse.NONE;
        }
        return AppUse.of(
                app.name(), Map.of("GRAPHQL_URL", "http://" + SERVICE + "/graphql"), SERVICE, PORT);
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of("apollo-router");
    }

    @Override
    public io.neotool.gitops.monitoring.Monitoring monitoring(Context context) {
        return Scrape.watched(
                context,
                name(),
                "Apollo Router",
                name() + " (:" + METRICS_PORT + METRICS_PATH + ")",
                io.neotool.gitops.monitoring.Dashboard.Panel.series(
                        "Requests per second by status",
                        "reqps",
                        "sum by (http_response_status_code) (rate(http_server_request_duration_seconds_count[5m]))"),
                io.neotool.gitops.monitoring.Dashboard.Panel.series(
                        "Latency p95",
                        "s",
                        "histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket[5m])))"));
    }
}
