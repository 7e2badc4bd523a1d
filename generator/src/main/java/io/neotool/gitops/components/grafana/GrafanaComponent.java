package io.neotool.gitops.components.grafana;

import io.neotool.gitops.components.loki.LokiComponent;
import io.neotool.gitops.components.loki.LokiSettings;
import io.neotool.gitops.components.prometheus.PrometheusComponent;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
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
 * Grafana with Prometheus and Loki provisioned as data sources. The admin password comes from Vault
 * through the agent injector and {@code GF_SECURITY_ADMIN_PASSWORD__FILE}; with that set the chart
 * (8.4.8, {@code _config.tpl}) creates no admin Secret of its own, so the admin user name is a
 * plain {@code GF_SECURITY_ADMIN_USER} too: without it the chart's container would read it from
 * that missing Secret ({@code _pod.tpl}) and never start.
 */
public final class GrafanaComponent extends HelmComponent<GrafanaSettings> {
    /**
     * Where the chart comes from: Grafana Labs' repository (shared with Loki and Promtail: same
     * name, same URL).
     */
    static final ChartSource CHARTS =
            new ChartSource("grafana", "https://grafana.github.io/helm-charts");

    static final String ADMIN_PASSWORD_FILE = "admin-password";

    /** UID and GID of the {@code grafana} user of the official image (the chart's defaults too). */
    static final long UID = 472;

    /** Grafana's HTTP port (UI, API and metrics). */
    static final int PORT = 3000;

    public GrafanaComponent() {
        super("grafana", Layer.CONTROLLERS, "grafana", GrafanaSettings.class, CHARTS, "grafana");
    }

    @Override
    protected boolean vaultInjected() {
        return true;
    }

    @Override
    protected Map<String, Object> values(Context context) {
        EnvironmentConfig config = context.config();
        GrafanaSettings g = settings(config);
        ImageRef image = ImageRef.of(g.image());
        List<Object> sources = new java.util.ArrayList<>();
        sources.add(
                Map.of(
                        "name",
                        "Prometheus",
                        "uid",
                        "prometheus",
                        "type",
                        "prometheus",
                        "access",
                        "proxy",
                        "isDefault",
                        true,
                        "url",
                        "http://"
                                + context.serviceHost(PrometheusComponent.SERVICE)
                                + ":"
                                + PrometheusComponent.PORT));
        if (config.infrastructure().enabled(LokiSettings.class)) {
            sources.add(
                    Map.of(
                            "name",
                            "Loki",
                            "uid",
                            "loki",
                            "type",
                            "loki",
                            "access",
                            "proxy",
                            "isDefault",
                            false,
                            "url",
                            "http://"
                                    + context.serviceHost(LokiComponent.SERVICE)
                                    + ":"
                                    + LokiComponent.PORT));
        }
        Map<String, Object> values = new TreeMap<>();
        values.put("image", Map.of("repository", image.repository(), "tag", image.tag()));
        values.put("resources", Workloads.resourceValues(g.resources()));
        values.put(
                "persistence",
                Map.of(
                        "enabled",
                        true,
                        "size",
                        g.storage(),
                        "storageClassName",
                        config.cluster().storageClass()));
        values.put(
                "env",
                Map.of(
                        "GF_SECURITY_ADMIN_USER",
                        "admin",
                        "GF_SECURITY_ADMIN_PASSWORD__FILE",
                        Workloads.VAULT_SECRETS_DIR + ADMIN_PASSWORD_FILE));
        Map<String, String> annotations =
                new java.util.LinkedHashMap<>(
                        VaultInjection.vaultAnnotations(
                                name(), Map.of(ADMIN_PASSWORD_FILE, g.adminPassword()), false));
        if (context.scraped()) {
            annotations.putAll(Workloads.scrapeAnnotations(PORT, "/metrics"));
        }
        values.put("podAnnotations", annotations);
        GrafanaDashboards.values(values);
        // The chart's extraVolumes know only a few volume types; extraContainerVolumes is rendered
        // as given.
        values.put("extraContainerVolumes", List.of(VaultInjection.vaultTokenVolumeValue()));
        // local-path volumes are created world-writable, so the chart's root init container that
        // chowns the data folder is not needed, and the pod meets Pod Security "restricted".
        values.put("initChownData", Map.of("enabled", false));
        values.put("securityContext", PodSecurity.restrictedPodValues(UID, UID));
        values.put("containerSecurityContext", PodSecurity.restrictedContainerValues(UID, UID));
        values.put(
                "serviceAccount",
                Map.of("create", true, "name", name(), "automountServiceAccountToken", false));
        values.put("rbac", Map.of("create", false));
        values.put("testFramework", Map.of("enabled", false));
        values.put(
                "datasources",
                Map.of("datasources.yaml", Map.of("apiVersion", 1, "datasources", sources)));
        if (g.host() != null) {
            values.put(
                    "ingress",
                    Workloads.withTls(
                            context,
                            g.host(),
                            Map.of(
                                    "enabled",
                                    true,
                                    "ingressClassName",
                                    config.cluster().ingressClass(),
                                    "hosts",
                                    List.of(g.host()),
                                    "path",
                                    "/",
                                    "pathType",
                                    "Prefix")));
            values.put("grafana.ini", Map.of("server", Map.of("root_url", "https://" + g.host())));
        }
        return values;
    }

    @Override
    public List<Edge> edges(Context context) {
        EnvironmentConfig config = context.config();
        List<Edge> edges =
                new java.util.ArrayList<>(
                        List.of(
                                new Edge(name(), "prometheus", PrometheusComponent.PORT),
                                new Edge(name(), "vault", VaultInjection.VAULT_PORT)));
        if (config.infrastructure().enabled(LokiSettings.class)) {
            edges.add(new Edge(name(), "loki", LokiComponent.PORT));
        }
        if (settings(config).host() != null) {
            edges.add(new Edge(Edge.TRAEFIK, name(), PORT));
        }
        if (context.scraped()) {
            edges.add(new Edge("prometheus", name(), PORT));
        }
        return edges;
    }

    /** The dashboards of everything Prometheus watches, mounted before the pod starts. */
    @Override
    protected List<io.fabric8.kubernetes.api.model.HasMetadata> extraObjects(Context context) {
        return List.of(GrafanaDashboards.configMap(context.monitoring().dashboards()));
    }

    @Override
    public io.neotool.gitops.monitoring.Monitoring monitoring(Context context) {
        return new io.neotool.gitops.monitoring.Monitoring(
                List.of("grafana (:" + PORT + "/metrics)"), List.of(), List.of());
    }

    @Override
    public Map<String, List<String>> vaultPaths(EnvironmentConfig config) {
        return Map.of(name(), List.of(settings(config).adminPassword().path()));
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of("grafana");
    }
}
