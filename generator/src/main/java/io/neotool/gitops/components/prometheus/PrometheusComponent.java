package io.neotool.gitops.components.prometheus;

import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.config.Resources;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.monitoring.RuleFiles;
import io.neotool.gitops.platform.ChartSource;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus server with kube-state-metrics and node-exporter, the alert rules of every enabled
 * component ({@link Observability}), and an Alertmanager when the config names receivers; no
 * Pushgateway. The server's Service is {@code prometheus} on port 9090, as the runbook's {@code
 * kubectl port-forward svc/prometheus 9090:9090} expects. node-exporter needs the host (host
 * network and PID namespace, the root filesystem), so it runs in the node-agents namespace.
 */
public final class PrometheusComponent extends HelmComponent<PrometheusSettings> {
    /** Where the chart comes from: the prometheus-community repository. */
    static final ChartSource CHARTS =
            new ChartSource(
                    "prometheus-community", "https://prometheus-community.github.io/helm-charts");

    /** The server's Service ({@code server.fullnameOverride}). */
    public static final String SERVICE = "prometheus";

    /** The server's Service port, the same as its container port. */
    public static final int PORT = 9090;

    /** kube-state-metrics' port (the chart's default). */
    static final int KUBE_STATE_METRICS_PORT = 8080;

    /** node-exporter's port on the node's address (host network). */
    public static final int NODE_EXPORTER_PORT = 9100;

    /** Where the chart mounts {@code serverFiles}, and the rule file it loads from there. */
    public static final String RULE_FILE = "alerting_rules.yml";

    /** Traefik's metrics entry point in its chart. */
    static final int TRAEFIK_METRICS_PORT = 9100;

    /** The port K3S's Traefik manifest annotates its pods with for scraping. */
    static final int K3S_TRAEFIK_ANNOTATED_PORT = 8082;

    /** The {@code nobody} user the Prometheus image and the chart run as. */
    static final long UID = 65534;

    public PrometheusComponent() {
        super(
                "prometheus",
                Layer.CONTROLLERS,
                "prometheus",
                PrometheusSettings.class,
                CHARTS,
                "prometheus");
    }

    @Override
    protected Map<String, Object> values(Context context) {
        EnvironmentConfig config = context.config();
        PrometheusSettings p = settings(config);
        ImageRef image = ImageRef.of(p.image());
        Map<String, Object> server = new TreeMap<>();
        server.put("fullnameOverride", SERVICE);
        server.put("service", Map.of("servicePort", PORT));
        server.put("image", Map.of("repository", image.repository(), "tag", image.tag()));
        server.put("retention", p.retention());
        server.put("resources", Workloads.resourceValues(p.resources()));
        server.put(
                "persistentVolume",
                Map.of(
                        "enabled",
                        true,
                        "size",
                        p.storage(),
                        "storageClass",
                        config.cluster().storageClass()));
        server.put("securityContext", PodSecurity.restrictedPodValues(UID, UID));
        server.put("containerSecurityContext", PodSecurity.restrictedContainerValues(UID, UID));
        Map<String, Object> values = new TreeMap<>();
        values.put("server", server);
        values.put(
                "configmapReload",
                Map.of(
                        "prometheus",
                        Map.of(
                                "containerSecurityContext",
                                        PodSecurity.restrictedContainerValues(UID, UID),
                                "resources",
                                        Workloads.resourceValues(
                                                Resources.of("10m", "16Mi", "100m", "32Mi")))));
        AlertmanagerSettings am = p.alertmanager();
        values.put(
                "alertmanager",
                am == null ? Map.of("enabled", false) : AlertmanagerValues.values(am));
        values.put(
                "serverFiles",
                Map.of(
                        RULE_FILE,
                        RuleFiles.alertingRules(context.monitoring().alerts(), runbook(context))));
        values.put("prometheus-pushgateway", Map.of("enabled", false));
        Map<String, Object> ksm = new TreeMap<>(FluxMetrics.kubeStateMetricsValues());
        ksm.put("enabled", true);
        ksm.put(
                "resources",
                Workloads.resourceValues(Resources.of("10m", "64Mi", "200m", "256Mi")));
        values.put("kube-state-metrics", ksm);
        values.put(
                "prometheus-node-exporter",
                Map.of(
                        "enabled", true,
                        "namespaceOverride", config.agentsNamespace(),
                        "resources",
                                Workloads.resourceValues(
                                        Resources.of("10m", "32Mi", "200m", "64Mi"))));
        return values;
    }

    /**
     * Prometheus discovers targets through the API server, scrapes itself and kube-state-metrics,
     * and node-exporter on the node's address. The other targets declare their own edge.
     */
    @Override
    public List<Edge> edges(Context context) {
        List<Edge> edges =
                new java.util.ArrayList<>(
                        List.of(
                                new Edge(name(), Edge.API_SERVER, 443),
                                new Edge(name(), Edge.API_SERVER, 6443),
                                new Edge(name(), name(), PORT),
                                new Edge(name(), name(), KUBE_STATE_METRICS_PORT),
                                new Edge(name(), Edge.NODE, NODE_EXPORTER_PORT),
                                // K3S's Traefik: the chart's metrics entry point, and the port
                                // K3S's own manifest annotates its pods with
                                new Edge(name(), Edge.TRAEFIK, TRAEFIK_METRICS_PORT),
                                new Edge(name(), Edge.TRAEFIK, K3S_TRAEFIK_ANNOTATED_PORT)));
        AlertmanagerSettings am = settings(context.config()).alertmanager();
        if (am != null) {
            edges.addAll(AlertmanagerValues.edges(am));
        }
        return edges;
    }

    /** The Alertmanager reads its receivers' secrets through the Vault injector. */
    @Override
    protected java.util.@org.jspecify.annotations.Nullable List<
                    io.neotool.gitops.flux.FluxResource.DependsOn>
            dependsOn(Context context) {
        if (settings(context.config()).alertmanager() != null
                && context.config()
                        .infrastructure()
                        .enabled(io.neotool.gitops.components.vault.VaultSettings.class)) {
            return List.of(
                    new io.neotool.gitops.flux.FluxResource.DependsOn(VaultInjection.VAULT, null));
        }
        return null;
    }

    @Override
    public Monitoring monitoring(Context context) {
        return ClusterMonitoring.of(context);
    }

    /** The server's pods, and the Alertmanager's when it runs (a subchart: the same instance). */
    @Override
    public Map<String, Map<String, String>> workloads(EnvironmentConfig config) {
        Map<String, Map<String, String>> workloads = new TreeMap<>(super.workloads(config));
        if (settings(config).alertmanager() != null) {
            workloads.put(
                    AlertmanagerValues.NAME,
                    Map.of(
                            "app.kubernetes.io/instance",
                            name(),
                            "app.kubernetes.io/name",
                            AlertmanagerValues.NAME));
        }
        return workloads;
    }

    @Override
    public Map<String, List<String>> vaultPaths(EnvironmentConfig config) {
        AlertmanagerSettings am = settings(config).alertmanager();
        if (am == null) {
            return Map.of();
        }
        java.util.TreeSet<String> paths = new java.util.TreeSet<>();
        am.receivers().forEach(r -> r.secrets().values().forEach(ref -> paths.add(ref.path())));
        return Map.of(AlertmanagerValues.NAME, List.copyOf(paths));
    }

    @Override
    public Map<String, String> versions(EnvironmentConfig config) {
        Map<String, String> versions = new TreeMap<>(super.versions(config));
        AlertmanagerSettings am = settings(config).alertmanager();
        if (am != null) {
            versions.putAll(Workloads.imageVersion(am.image()));
        }
        return versions;
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of(
                "prometheus", "prometheus-kube-state-metrics", AlertmanagerValues.NAME);
    }

    /** The cluster's generated runbook, where each alert's {@code runbook_url} points. */
    public static String runbook(Context context) {
        EnvironmentConfig c = context.config();
        return c.git().webUrl("clusters/" + c.cluster().name() + "/RUNBOOK.md");
    }
}
