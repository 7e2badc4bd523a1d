package io.neotool.gitops.components.prometheus;

import io.neotool.gitops.monitoring.Dashboard;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Scrape;
import java.util.List;

/** The dashboards of the node and cluster, and of K3S's Traefik. */
final class ClusterDashboards {
    private ClusterDashboards() {}

    /** K3S's Traefik: every public request passes it. */
    static Dashboard traefik(Context context) {
        List<Dashboard.Panel> panels =
                new java.util.ArrayList<>(
                        List.of(
                                Dashboard.Panel.series(
                                        "Requests per second by status",
                                        "reqps",
                                        "sum by (code) (rate(traefik_entrypoint_requests_total[5m]))"),
                                Dashboard.Panel.series(
                                        "Latency p95 by entry point",
                                        "s",
                                        "histogram_quantile(0.95, sum by (le, entrypoint) (rate(traefik_entrypoint_request_duration_seconds_bucket[5m])))")));
        panels.addAll(Scrape.logs(context, "kube-system", "app=\"traefik\""));
        return Dashboard.of("neotool-traefik", "Traefik (ingress)", panels);
    }

    static Dashboard cluster(Context context, String disks) {
        String ns = context.namespace();
        return Dashboard.of(
                "neotool-cluster",
                "Node and cluster",
                List.of(
                        Dashboard.Panel.series(
                                "Node CPU busy",
                                "percentunit",
                                "1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))"),
                        Dashboard.Panel.series(
                                "Node memory available",
                                "bytes",
                                "node_memory_MemAvailable_bytes",
                                "node_memory_MemTotal_bytes"),
                        Dashboard.Panel.series(
                                "Node disk free",
                                "percentunit",
                                "node_filesystem_avail_bytes{"
                                        + disks
                                        + "} / node_filesystem_size_bytes{"
                                        + disks
                                        + "}"),
                        Dashboard.Panel.series(
                                "Node network",
                                "Bps",
                                "sum(rate(node_network_receive_bytes_total{device!=\"lo\"}[5m]))",
                                "sum(rate(node_network_transmit_bytes_total{device!=\"lo\"}[5m]))"),
                        Dashboard.Panel.series(
                                "Pods not running (" + ns + ")",
                                "short",
                                "sum by (phase) (kube_pod_status_phase{namespace=\""
                                        + ns
                                        + "\", phase=~\"Pending|Unknown|Failed\"})"),
                        Dashboard.Panel.series(
                                "Container restarts in the last hour",
                                "short",
                                "sum by (pod) (increase(kube_pod_container_status_restarts_total{namespace=\""
                                        + ns
                                        + "\"}[1h]))"),
                        Dashboard.Panel.series(
                                "Volumes free (kubelet)",
                                "percentunit",
                                "kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes"),
                        FluxMetrics.panel(),
                        Dashboard.Panel.series(
                                "Scrape targets down",
                                "short",
                                "sum by (app_kubernetes_io_instance, job) (up == 0)")));
    }
}
