package io.neotool.gitops.components.promtail;

import io.neotool.gitops.components.loki.LokiComponent;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.platform.ChartSource;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.platform.Workloads;
import java.util.List;
import java.util.Map;

/**
 * Promtail as a DaemonSet, shipping pod logs to Loki's push endpoint. It reads the node's log
 * folders as root, which Pod Security allows only in the node-agents namespace, so the release
 * targets that one.
 */
public final class PromtailComponent extends HelmComponent<PromtailSettings> {
    /**
     * Where the chart comes from: Grafana Labs' repository (shared with Grafana and Loki: same
     * name, same URL).
     */
    static final ChartSource CHARTS =
            new ChartSource("grafana", "https://grafana.github.io/helm-charts");

    public PromtailComponent() {
        super(
                "promtail",
                Layer.CONTROLLERS,
                "promtail",
                PromtailSettings.class,
                CHARTS,
                "promtail");
    }

    @Override
    protected String targetNamespace(Context context) {
        return context.config().agentsNamespace();
    }

    @Override
    protected Map<String, Object> values(Context context) {
        PromtailSettings p = settings(context.config());
        ImageRef image = ImageRef.of(p.image());
        String push =
                "http://"
                        + context.serviceHost(LokiComponent.SERVICE)
                        + ":"
                        + LokiComponent.PORT
                        + "/loki/api/v1/push";
        return Map.of(
                "image",
                        Map.of(
                                "registry",
                                "docker.io",
                                "repository",
                                image.repository(),
                                "tag",
                                image.tag()),
                "resources", Workloads.resourceValues(p.resources()),
                "config", Map.of("clients", List.of(Map.of("url", push))));
    }

    @Override
    public List<Edge> edges(Context context) {
        return List.of(
                new Edge(name(), "loki", LokiComponent.PORT),
                new Edge(name(), Edge.API_SERVER, 443),
                new Edge(name(), Edge.API_SERVER, 6443));
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of("promtail");
    }
}
