package io.neotool.gitops.component;

import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.config.PrometheusSettings;
import io.neotool.gitops.config.Resources;
import io.neotool.gitops.config.SettingsKey;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus server with kube-state-metrics and node-exporter; no Alertmanager or Pushgateway on
 * one node. The server's Service is {@code prometheus} on port 9090, as the runbook's {@code
 * kubectl port-forward svc/prometheus 9090:9090} expects. node-exporter needs the host (host
 * network and PID namespace, the root filesystem), so it runs in the node-agents namespace.
 */
public final class PrometheusComponent extends HelmComponent {
    /** The server's Service ({@code server.fullnameOverride}). */
    public static final String SERVICE = "prometheus";

    /** The server's Service port, the same as its container port. */
    public static final int PORT = 9090;

    /** node-exporter's port on the node's address (host network). */
    public static final int NODE_EXPORTER_PORT = 9100;

    /** The {@code nobody} user the Prometheus image and the chart run as. */
    static final long UID = 65534;

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public Layer layer() {
        return Layer.CONTROLLERS;
    }

    @Override
    public SettingsKey<PrometheusSettings> settingsKey() {
        return new SettingsKey<>("prometheus", PrometheusSettings.class);
    }

    @Override
    public ChartSource source() {
        return ChartSource.PROMETHEUS_COMMUNITY;
    }

    @Override
    public String chart() {
        return "prometheus";
    }

    @Override
    protected PrometheusSettings settings(EnvironmentConfig c) {
        return c.infrastructure().require(PrometheusSettings.class);
    }

    @Override
    protected Map<String, Object> values(Context context) {
        EnvironmentConfig config = context.config();
        PrometheusSettings p = config.infrastructure().require(PrometheusSettings.class);
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
        values.put("alertmanager", Map.of("enabled", false));
        values.put("prometheus-pushgateway", Map.of("enabled", false));
        values.put(
                "kube-state-metrics",
                Map.of(
                        "enabled",
                        true,
                        "resources",
                        Workloads.resourceValues(Resources.of("10m", "64Mi", "200m", "256Mi"))));
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
    public List<NetworkGraph.Edge> edges(Context context) {
        return List.of(
                new NetworkGraph.Edge(name(), NetworkGraph.API_SERVER, 443),
                new NetworkGraph.Edge(name(), NetworkGraph.API_SERVER, 6443),
                new NetworkGraph.Edge(name(), name(), PORT),
                new NetworkGraph.Edge(name(), name(), NetworkGraph.KUBE_STATE_METRICS_PORT),
                new NetworkGraph.Edge(name(), NetworkGraph.NODE, NODE_EXPORTER_PORT));
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of("prometheus", "prometheus-kube-state-metrics");
    }
}
