package io.neotool.gitops.components.app;

import io.neotool.gitops.components.kafka.KafkaSettings;
import io.neotool.gitops.components.prometheus.AlertThresholds;
import io.neotool.gitops.components.prometheus.PrometheusSettings;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.monitoring.Alert;
import io.neotool.gitops.monitoring.Dashboard;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Scrape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The apps' share: one dashboard per kind of app with a variable listing the apps of that kind
 * (Kotlin: JVM and HTTP from Micrometer; Next.js: the Node.js runtime from prom-client), each with
 * CPU, memory and the app's logs; the share of 5xx answers of the Kotlin services; the consumer lag
 * of each app on its Kafka topics (its consumer group, {@code KAFKA_CONSUMER_GROUP}: its name
 * unless {@code uses.consumerGroup} says otherwise).
 */
public final class AppMonitoring {
    private AppMonitoring() {}

    public static Monitoring of(Context context) {
        AlertThresholds t =
                context.config().infrastructure().require(PrometheusSettings.class).alerts();
        List<AppConfig> kotlin = scraped(context, AppConfig.AppType.KOTLIN);
        List<AppConfig> nextjs = scraped(context, AppConfig.AppType.NEXTJS);
        List<Alert> alerts = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<Dashboard> dashboards = new ArrayList<>();
        for (AppConfig app : context.config().apps()) {
            if (app.metricsPort() != null) {
                targets.add(app.name() + " (:" + app.metricsPort() + app.metricsPath() + ")");
            }
        }
        if (!kotlin.isEmpty()) {
            alerts.add(errorRate(kotlin, t.appErrorPercent()));
            dashboards.add(kotlinDashboard(context, names(kotlin)));
        }
        List<AppConfig> all = context.config().apps();
        if (all.stream().anyMatch(a -> a.type() == AppConfig.AppType.NEXTJS)) {
            List<String> names =
                    all.stream()
                            .filter(a -> a.type() == AppConfig.AppType.NEXTJS)
                            .map(AppConfig::name)
                            .toList();
            dashboards.add(nextjsDashboard(context, names, !nextjs.isEmpty()));
        }
        List<AppConfig> consumers =
                all.stream().filter(a -> !a.uses().kafkaTopics().isEmpty()).toList();
        KafkaSettings kafka = context.config().infrastructure().get(KafkaSettings.class);
        if (!consumers.isEmpty() && kafka != null && kafka.isEnabled()) {
            alerts.add(consumerLag(consumers, kafka.consumerLagAlert()));
        }
        return new Monitoring(targets, alerts, dashboards);
    }

    private static List<AppConfig> scraped(Context context, AppConfig.AppType type) {
        return context.config().apps().stream()
                .filter(a -> a.type() == type && a.metricsPort() != null)
                .toList();
    }

    private static List<String> names(List<AppConfig> apps) {
        return apps.stream().map(AppConfig::name).toList();
    }

    private static Alert errorRate(List<AppConfig> apps, int percent) {
        String selector = "app_kubernetes_io_instance=~\"" + String.join("|", names(apps)) + "\"";
        String first = apps.get(0).name();
        String series =
                "http_server_requests_seconds_count{app_kubernetes_io_instance=\""
                        + first
                        + "\", status=\"%s\"}";
        return new Alert(
                "apps",
                "AppHighErrorRate",
                "sum by (app_kubernetes_io_instance) (rate(http_server_requests_seconds_count{"
                        + selector
                        + ", status=~\"5..\"}[5m])) / sum by (app_kubernetes_io_instance) (rate(http_server_requests_seconds_count{"
                        + selector
                        + "}[5m])) * 100 > "
                        + percent,
                "5m",
                Alert.Severity.CRITICAL,
                "{{ $labels.app_kubernetes_io_instance }} answers more than "
                        + percent
                        + "% of requests with 5xx",
                "For 5 minutes more than "
                        + percent
                        + "% of the HTTP requests {{ $labels.app_kubernetes_io_instance }} served failed; its dashboard shows the logs beside the rate.",
                Alert.Case.of(
                        "20m",
                        Map.of("app_kubernetes_io_instance", first),
                        String.format(series, "500"),
                        "0+10x30",
                        String.format(series, "200"),
                        "0+10x30"),
                Alert.Case.of(
                        "20m",
                        Map.of(),
                        String.format(series, "500"),
                        "0x30",
                        String.format(series, "200"),
                        "0+10x30"));
    }

    /**
     * One rule for every app that consumes: each app reads as its consumer group, and a group's lag
     * is reported for the topics it reads, so the groups alone select each app's topics.
     */
    private static Alert consumerLag(List<AppConfig> apps, int lag) {
        AppConfig first = apps.get(0);
        String topic = first.uses().kafkaTopics().get(0);
        String series =
                "kafka_consumergroup_lag{consumergroup=\""
                        + first.consumerGroup()
                        + "\", topic=\""
                        + topic
                        + "\", partition=\"0\"}";
        return new Alert(
                "apps",
                "KafkaConsumerLag",
                "sum by (consumergroup, topic) (kafka_consumergroup_lag{consumergroup=~\""
                        + String.join("|", apps.stream().map(AppConfig::consumerGroup).toList())
                        + "\"}) > "
                        + lag,
                "10m",
                Alert.Severity.WARNING,
                "{{ $labels.consumergroup }} is behind on {{ $labels.topic }}",
                "Consumer group {{ $labels.consumergroup }} has been more than "
                        + lag
                        + " messages behind on {{ $labels.topic }} for 10 minutes: the app is down, slow, or stuck on a message.",
                Alert.Case.of(
                        "20m",
                        Map.of("consumergroup", first.consumerGroup(), "topic", topic),
                        series,
                        (lag + 1) + "x30"),
                Alert.Case.of("20m", Map.of(), series, "0x30"));
    }

    private static String app() {
        return "app_kubernetes_io_instance=\"$app\"";
    }

    private static List<Dashboard.Panel> common(Context context) {
        List<Dashboard.Panel> panels =
                new ArrayList<>(Scrape.resourcePanels(context.namespace(), "$app-.*"));
        panels.add(
                Dashboard.Panel.series(
                        "Restarts in the last hour",
                        "short",
                        "sum(increase(kube_pod_container_status_restarts_total{namespace=\""
                                + context.namespace()
                                + "\", pod=~\"$app-.*\"}[1h]))"));
        return panels;
    }

    private static Dashboard kotlinDashboard(Context context, List<String> apps) {
        List<Dashboard.Panel> panels = new ArrayList<>();
        panels.add(
                Dashboard.Panel.series(
                        "HTTP requests by status",
                        "reqps",
                        "sum by (status) (rate(http_server_requests_seconds_count{"
                                + app()
                                + "}[5m]))"));
        panels.add(
                Dashboard.Panel.series(
                        "HTTP latency p95",
                        "s",
                        "histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{"
                                + app()
                                + "}[5m])))"));
        panels.add(
                Dashboard.Panel.series(
                        "JVM heap used",
                        "bytes",
                        "sum by (pod) (jvm_memory_used_bytes{" + app() + ", area=\"heap\"})"));
        panels.add(
                Dashboard.Panel.series(
                        "JVM GC pause time",
                        "s",
                        "sum by (pod) (rate(jvm_gc_pause_seconds_sum{" + app() + "}[5m]))"));
        return appsDashboard(context, "neotool-kotlin-services", "Kotlin services", apps, panels);
    }

    private static Dashboard nextjsDashboard(Context context, List<String> apps, boolean runtime) {
        List<Dashboard.Panel> panels = new ArrayList<>();
        if (runtime) {
            panels.add(
                    Dashboard.Panel.series(
                            "Node.js heap used",
                            "bytes",
                            "sum by (pod) (nodejs_heap_size_used_bytes{" + app() + "})"));
            panels.add(
                    Dashboard.Panel.series(
                            "Event loop lag p99",
                            "s",
                            "max by (pod) (nodejs_eventloop_lag_p99_seconds{" + app() + "})"));
        }
        return appsDashboard(context, "neotool-nextjs", "Next.js front ends", apps, panels);
    }

    /**
     * A dashboard of apps of one kind: its own panels, then the panels every app has and its logs,
     * per app chosen in the {@code app} variable.
     */
    private static Dashboard appsDashboard(
            Context context,
            String uid,
            String title,
            List<String> apps,
            List<Dashboard.Panel> own) {
        List<Dashboard.Panel> panels = new ArrayList<>(own);
        panels.addAll(common(context));
        panels.addAll(Scrape.logs(context, context.namespace(), "instance=\"$app\""));
        return new Dashboard(uid, title, List.of("neotool", "apps"), "app", apps, panels);
    }
}
