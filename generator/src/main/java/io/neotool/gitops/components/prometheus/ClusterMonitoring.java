package io.neotool.gitops.components.prometheus;

import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.monitoring.Alert;
import io.neotool.gitops.monitoring.Alert.Severity;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.platform.Context;
import java.util.List;
import java.util.Map;

/**
 * What Prometheus watches on the cluster itself: every scrape target, the pods and workloads of the
 * namespaces we run (kube-state-metrics), the node's disk (node-exporter; it holds every local-path
 * volume), volumes the kubelet reports on, and the Flux objects (kube-state-metrics' custom
 * resource metrics, {@link FluxMetrics}).
 */
final class ClusterMonitoring {
    private ClusterMonitoring() {}

    /** Filesystems of the node that hold data (not memory-backed or image layers). */
    private static final String DISKS = "fstype!~\"tmpfs|overlay|squashfs|ramfs\"";

    static Monitoring of(Context context) {
        EnvironmentConfig config = context.config();
        AlertThresholds t = config.infrastructure().require(PrometheusSettings.class).alerts();
        String namespaces =
                "namespace=~\"" + config.namespace() + "|" + config.agentsNamespace() + "\"";
        String ns = config.namespace();
        long within = AlertThresholds.seconds(t.diskFullWithin());
        List<Alert> alerts =
                List.of(
                        new Alert(
                                "cluster",
                                "TargetDown",
                                "up == 0",
                                "5m",
                                Severity.WARNING,
                                "{{ $labels.app_kubernetes_io_instance }} target {{ $labels.instance }} is down",
                                "Prometheus has not scraped {{ $labels.instance }} (job {{ $labels.job }}) for 5 minutes: the workload or its exporter is down, or a NetworkPolicy blocks it.",
                                target(0),
                                target(1)),
                        new Alert(
                                "cluster",
                                "PodCrashLooping",
                                "max_over_time(kube_pod_container_status_waiting_reason{reason=\"CrashLoopBackOff\", "
                                        + namespaces
                                        + "}[5m]) >= 1",
                                "15m",
                                Severity.WARNING,
                                "{{ $labels.namespace }}/{{ $labels.pod }} is crash-looping",
                                "Container {{ $labels.container }} of {{ $labels.pod }} has been restarting for 15 minutes; read its logs in Grafana.",
                                crash(ns, 1),
                                crash(ns, 0)),
                        new Alert(
                                "cluster",
                                "PodNotReady",
                                "sum by (namespace, pod) (kube_pod_status_phase{phase=~\"Pending|Unknown\", "
                                        + namespaces
                                        + "}) > 0",
                                "15m",
                                Severity.WARNING,
                                "{{ $labels.namespace }}/{{ $labels.pod }} has not started for 15 minutes",
                                "The pod is Pending or Unknown: an image that cannot be pulled, a volume that cannot be bound, a Vault secret that cannot be read, or no room on the node.",
                                pending(ns, 1),
                                pending(ns, 0)),
                        new Alert(
                                "cluster",
                                "ReplicasUnavailable",
                                "kube_deployment_status_replicas_available{"
                                        + namespaces
                                        + "} < kube_deployment_spec_replicas{"
                                        + namespaces
                                        + "}",
                                "15m",
                                Severity.WARNING,
                                "{{ $labels.namespace }}/{{ $labels.deployment }} runs fewer replicas than it should",
                                "Fewer replicas of {{ $labels.deployment }} have been available than its spec asks for 15 minutes.",
                                replicas(ns, 1),
                                replicas(ns, 2)),
                        new Alert(
                                "cluster",
                                "NodeDiskAlmostFull",
                                "node_filesystem_avail_bytes{"
                                        + DISKS
                                        + "} / node_filesystem_size_bytes{"
                                        + DISKS
                                        + "} * 100 < "
                                        + t.diskFreePercent(),
                                "5m",
                                Severity.CRITICAL,
                                "The node's disk {{ $labels.mountpoint }} is almost full",
                                "Less than "
                                        + t.diskFreePercent()
                                        + "% of {{ $labels.mountpoint }} is free on {{ $labels.instance }}; every local-path volume (PostgreSQL, Kafka, Prometheus, Loki) lives there.",
                                disk("50000"),
                                disk("500000")),
                        new Alert(
                                "cluster",
                                "NodeDiskFillingUp",
                                "predict_linear(node_filesystem_avail_bytes{"
                                        + DISKS
                                        + "}[6h], "
                                        + within
                                        + ") < 0 and node_filesystem_avail_bytes{"
                                        + DISKS
                                        + "} / node_filesystem_size_bytes{"
                                        + DISKS
                                        + "} < 0.4",
                                "1h",
                                Severity.WARNING,
                                "The node's disk {{ $labels.mountpoint }} will be full within "
                                        + t.diskFullWithin(),
                                "At the rate of the last 6 hours {{ $labels.mountpoint }} on {{ $labels.instance }} fills up within "
                                        + t.diskFullWithin()
                                        + ".",
                                filling(within, true),
                                filling(within, false)),
                        new Alert(
                                "cluster",
                                "VolumeAlmostFull",
                                "kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes * 100 < "
                                        + t.diskFreePercent(),
                                "5m",
                                Severity.CRITICAL,
                                "Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is almost full",
                                "Less than "
                                        + t.diskFreePercent()
                                        + "% of the claim is free (kubelet volume stats; local-path volumes are watched as the node's disk).",
                                volume(ns, "5"),
                                volume(ns, "50")),
                        FluxMetrics.alert());
        return new Monitoring(
                List.of(
                        "node-exporter (the node: CPU, memory, disks, network)",
                        "kube-state-metrics (pods, workloads, Jobs, Flux objects)",
                        "the kubelet and cAdvisor (containers, volumes), through the API server",
                        "Prometheus itself",
                        "traefik (K3S's ingress, kube-system, the port its pods are annotated with)"),
                alerts,
                List.of(
                        ClusterDashboards.cluster(context, DISKS),
                        ClusterDashboards.traefik(context)));
    }

    private static Alert.Case target(int up) {
        Map<String, String> labels =
                Map.of(
                        "job", "kubernetes-pods",
                        "instance", "10.42.0.9:9187",
                        "app_kubernetes_io_instance", "postgres");
        return Alert.Case.of(
                "10m",
                up == 0 ? labels : Map.of(),
                "up{job=\"kubernetes-pods\", instance=\"10.42.0.9:9187\", app_kubernetes_io_instance=\"postgres\"}",
                up + "x15");
    }

    private static Alert.Case crash(String ns, int waiting) {
        Map<String, String> labels =
                Map.of(
                        "namespace",
                        ns,
                        "pod",
                        "web-0",
                        "container",
                        "web",
                        "reason",
                        "CrashLoopBackOff");
        return Alert.Case.of(
                "30m",
                waiting == 1 ? labels : Map.of(),
                "kube_pod_container_status_waiting_reason{namespace=\""
                        + ns
                        + "\", pod=\"web-0\", container=\"web\", reason=\"CrashLoopBackOff\"}",
                waiting + "x40");
    }

    private static Alert.Case pending(String ns, int pending) {
        return Alert.Case.of(
                "30m",
                pending == 1 ? Map.of("namespace", ns, "pod", "web-0") : Map.of(),
                "kube_pod_status_phase{namespace=\"" + ns + "\", pod=\"web-0\", phase=\"Pending\"}",
                pending + "x40");
    }

    private static Alert.Case replicas(String ns, int available) {
        String labels = "namespace=\"" + ns + "\", deployment=\"web\"";
        return Alert.Case.of(
                "30m",
                available < 2 ? Map.of("namespace", ns, "deployment", "web") : Map.of(),
                "kube_deployment_status_replicas_available{" + labels + "}",
                available + "x40",
                "kube_deployment_spec_replicas{" + labels + "}",
                "2x40");
    }

    private static Alert.Case disk(String avail) {
        String labels = "instance=\"node\", mountpoint=\"/\", fstype=\"ext4\"";
        return Alert.Case.of(
                "10m",
                avail.equals("50000")
                        ? Map.of("instance", "node", "mountpoint", "/", "fstype", "ext4")
                        : Map.of(),
                "node_filesystem_avail_bytes{" + labels + "}",
                avail + "x15",
                "node_filesystem_size_bytes{" + labels + "}",
                "1000000x15");
    }

    /**
     * 30 % free and falling by the size over {@code within} each {@code within}/... minute: at that
     * rate the disk is full well within {@code within}; steady, it never is.
     */
    private static Alert.Case filling(long within, boolean falling) {
        String labels = "instance=\"node\", mountpoint=\"/\", fstype=\"ext4\"";
        // falls by 300,000 bytes (30 % of the size) over half of `within`, in 1-minute steps
        long step = Math.max(1, 300_000 / Math.max(1, within / 120));
        return Alert.Case.of(
                "480m",
                falling
                        ? Map.of("instance", "node", "mountpoint", "/", "fstype", "ext4")
                        : Map.of(),
                "node_filesystem_avail_bytes{" + labels + "}",
                falling ? "390000-" + step + "x480" : "390000x480",
                "node_filesystem_size_bytes{" + labels + "}",
                "1000000x480");
    }

    private static Alert.Case volume(String ns, String availPercent) {
        String labels = "namespace=\"" + ns + "\", persistentvolumeclaim=\"data-postgres-0\"";
        return Alert.Case.of(
                "10m",
                availPercent.equals("5")
                        ? Map.of("namespace", ns, "persistentvolumeclaim", "data-postgres-0")
                        : Map.of(),
                "kubelet_volume_stats_available_bytes{" + labels + "}",
                availPercent + "x15",
                "kubelet_volume_stats_capacity_bytes{" + labels + "}",
                "100x15");
    }
}
