package io.neotool.gitops.component;

import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.config.InfrastructureConfig;
import java.util.Map;

/** Prometheus server with kube-state-metrics and node-exporter; no Alertmanager or Pushgateway on one node. */
public final class PrometheusComponent extends HelmComponent {
    /** The Service the chart creates for the server (release {@code prometheus}), on port 80. */
    public static final String SERVICE = "prometheus-server";

    @Override public String name() { return "prometheus"; }
    @Override public Layer layer() { return Layer.CONTROLLERS; }
    @Override public String configPath() { return "infrastructure.prometheus"; }
    @Override public ChartSource source() { return ChartSource.PROMETHEUS_COMMUNITY; }
    @Override public String chart() { return "prometheus"; }
    @Override protected InfrastructureConfig.Prometheus settings(EnvironmentConfig c) { return c.infrastructure().prometheus(); }


    @Override
    protected Map<String, Object> values(Context context) {
        InfrastructureConfig.Prometheus p = context.config().infrastructure().prometheus();
        ImageRef image = ImageRef.of(p.image());
        return Map.of(
                "server", Map.of(
                        "image", Map.of("repository", image.repository(), "tag", image.tag()),
                        "retention", p.retention(),
                        "resources", Workloads.resourceValues(p.resources()),
                        "persistentVolume", Map.of("enabled", true, "size", p.storage(),
                                "storageClass", context.config().cluster().storageClass())),
                "alertmanager", Map.of("enabled", false),
                "prometheus-pushgateway", Map.of("enabled", false),
                "kube-state-metrics", Map.of("enabled", true),
                "prometheus-node-exporter", Map.of("enabled", true));
    }
}
