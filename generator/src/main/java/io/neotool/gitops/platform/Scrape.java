package io.neotool.gitops.platform;

import io.neotool.gitops.monitoring.Dashboard;
import java.util.List;

/**
 * The panels every scraped workload shares. The Prometheus chart's {@code kubernetes-pods} job
 * keeps pods annotated {@code prometheus.io/scrape} ({@link Workloads#scrapeAnnotations}), takes
 * port, path and {@code param_*} from the annotations, and copies the pod's labels (so {@code
 * app_kubernetes_io_instance} names the workload on every series).
 */
public final class Scrape {
    private Scrape() {}

    /** CPU and memory of a workload's containers (cAdvisor, through the kubelet). */
    public static List<Dashboard.Panel> resourcePanels(String namespace, String podPattern) {
        String pods =
                "namespace=\"" + namespace + "\", pod=~\"" + podPattern + "\", container!=\"\"";
        return List.of(
                Dashboard.Panel.series(
                        "CPU (cores)",
                        "short",
                        "sum by (pod) (rate(container_cpu_usage_seconds_total{" + pods + "}[5m]))"),
                Dashboard.Panel.series(
                        "Memory (working set)",
                        "bytes",
                        "sum by (pod) (container_memory_working_set_bytes{" + pods + "})"));
    }

    /**
     * The logs of a workload, by the {@code instance} label Promtail gives every line: a panel when
     * Loki runs (Grafana has its data source then), none otherwise.
     */
    public static List<Dashboard.Panel> logs(Context context, String namespace, String selector) {
        if (!context.logged()) {
            return List.of();
        }
        return List.of(
                Dashboard.Panel.logs(
                        "Logs", "{namespace=\"" + namespace + "\", " + selector + "}"));
    }

    /** A component's dashboard: its own panels, then CPU, memory and its logs. */
    public static Dashboard dashboard(
            Context context, String instance, String title, List<Dashboard.Panel> panels) {
        List<Dashboard.Panel> all = new java.util.ArrayList<>(panels);
        all.addAll(resourcePanels(context.namespace(), instance + "(-.*)?"));
        all.addAll(logs(context, context.namespace(), "instance=\"" + instance + "\""));
        return Dashboard.of("neotool-" + instance, title, all);
    }

    /**
     * What a component without alerts of its own adds: its target (for the README) and its
     * dashboard of {@code panels} (CPU, memory and logs added).
     */
    public static io.neotool.gitops.monitoring.Monitoring watched(
            Context context,
            String instance,
            String title,
            String target,
            Dashboard.Panel... panels) {
        return new io.neotool.gitops.monitoring.Monitoring(
                List.of(target),
                List.of(),
                List.of(dashboard(context, instance, title, List.of(panels))));
    }
}
