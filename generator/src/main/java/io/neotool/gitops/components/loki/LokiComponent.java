package io.neotool.gitops.components.loki;

import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.platform.ChartSource;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.Scrape;
import io.neotool.gitops.platform.Workloads;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Loki in single-binary mode on the node's filesystem; no self-monitoring, canary or test pods. */
public final class LokiComponent extends HelmComponent<LokiSettings> {
    /**
     * Where the chart comes from: Grafana Labs' repository (shared with Grafana and Promtail: same
     * name, same URL).
     */
    static final ChartSource CHARTS =
            new ChartSource("grafana", "https://grafana.github.io/helm-charts");

    /** The single-binary Service of release {@code loki}. */
    public static final String SERVICE = "loki";

    public static final int PORT = 3100;

    /** Loki's gRPC port, which its single-binary pod calls itself on. */
    static final int GRPC_PORT = 9095;

    /** Loki's memberlist (gossip) port. */
    static final int MEMBERLIST_PORT = 7946;

    /** The {@code loki} user of the image (the chart's defaults). */
    static final long UID = 10001;

    public LokiComponent() {
        super("loki", Layer.CONTROLLERS, "loki", LokiSettings.class, CHARTS, "loki");
    }

    @Override
    protected Map<String, Object> values(Context context) {
        LokiSettings l = settings(context.config());
        ImageRef image = ImageRef.of(l.image());
        Map<String, Object> loki = new TreeMap<>();
        loki.put("auth_enabled", false);
        loki.put("image", Map.of("repository", image.repository(), "tag", image.tag()));
        loki.put("commonConfig", Map.of("replication_factor", 1));
        loki.put("podSecurityContext", PodSecurity.restrictedPodValues(UID, UID));
        loki.put("containerSecurityContext", PodSecurity.restrictedContainerValues(UID, UID));
        loki.put("storage", Map.of("type", "filesystem"));
        if (context.scraped()) {
            loki.put("podAnnotations", Workloads.scrapeAnnotations(PORT, "/metrics"));
        }
        loki.put("limits_config", Map.of("retention_period", l.retention()));
        loki.put(
                "compactor",
                Map.of(
                        "retention_enabled",
                        true,
                        "shared_store",
                        "filesystem",
                        "working_directory",
                        "/var/loki/compactor"));
        Map<String, Object> values = new TreeMap<>();
        values.put("loki", loki);
        values.put(
                "singleBinary",
                Map.of(
                        "replicas", 1,
                        "resources", Workloads.resourceValues(l.resources()),
                        "persistence",
                                Map.of(
                                        "enabled",
                                        true,
                                        "size",
                                        l.storage(),
                                        "storageClass",
                                        context.config().cluster().storageClass())));
        values.put("read", Map.of("replicas", 0));
        values.put("write", Map.of("replicas", 0));
        values.put("backend", Map.of("replicas", 0));
        values.put("gateway", Map.of("enabled", false));
        values.put("test", Map.of("enabled", false));
        values.put("minio", Map.of("enabled", false));
        values.put(
                "monitoring",
                Map.of(
                        "selfMonitoring",
                                Map.of(
                                        "enabled",
                                        false,
                                        "grafanaAgent",
                                        Map.of("installOperator", false)),
                        "lokiCanary", Map.of("enabled", false),
                        "serviceMonitor", Map.of("enabled", false),
                        "dashboards", Map.of("enabled", false),
                        "rules", Map.of("enabled", false)));
        return values;
    }

    /** The single binary talks to itself: HTTP, gRPC and memberlist; Prometheus scrapes it. */
    @Override
    public List<Edge> edges(Context context) {
        List<Edge> edges =
                new java.util.ArrayList<>(
                        List.of(
                                new Edge(name(), name(), PORT),
                                new Edge(name(), name(), GRPC_PORT),
                                new Edge(name(), name(), MEMBERLIST_PORT)));
        if (context.scraped()) {
            edges.add(new Edge("prometheus", name(), PORT));
        }
        return edges;
    }

    @Override
    public io.neotool.gitops.monitoring.Monitoring monitoring(Context context) {
        return Scrape.watched(
                context,
                name(),
                "Loki",
                "loki (:" + PORT + "/metrics)",
                io.neotool.gitops.monitoring.Dashboard.Panel.series(
                        "Log lines received per second",
                        "short",
                        "sum(rate(loki_distributor_lines_received_total[5m]))"),
                io.neotool.gitops.monitoring.Dashboard.Panel.series(
                        "Requests by route and status",
                        "reqps",
                        "sum by (route, status_code) (rate(loki_request_duration_seconds_count[5m]))"));
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of("loki", "loki-headless");
    }
}
