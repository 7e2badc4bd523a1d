package io.neotool.gitops.components.postgres;

import io.neotool.gitops.monitoring.Alert;
import io.neotool.gitops.monitoring.Dashboard;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Exporters;
import io.neotool.gitops.platform.Scrape;
import java.util.List;
import java.util.Map;

/**
 * What PostgreSQL is watched by: postgres_exporter ({@code pg_up}, backends per database against
 * the config's {@code maxConnections}).
 */
final class DatabaseMetrics {
    private DatabaseMetrics() {}

    /** The server, and postgres_exporter beside it when Prometheus runs. */
    static List<io.fabric8.kubernetes.api.model.Container> postgresContainers(
            Context context,
            PostgresSettings pg,
            io.fabric8.kubernetes.api.model.Container server) {
        return context.scraped()
                ? List.of(server, PostgresExporter.container(pg.exporterImage()))
                : List.of(server);
    }

    /** The server's pod annotations, with the exporter's scrape annotations when it runs. */
    static Map<String, String> postgresAnnotations(Context context, Map<String, String> vault) {
        Map<String, String> annotations = new java.util.LinkedHashMap<>(vault);
        if (context.scraped()) {
            annotations.putAll(Exporters.annotations(PostgresExporter.PORT));
        }
        return annotations;
    }

    static Monitoring postgres(Context context) {
        PostgresSettings pg = context.config().infrastructure().require(PostgresSettings.class);
        int limit = pg.maxConnections() * pg.connectionsAlertPercent() / 100;
        List<Alert> alerts =
                List.of(
                        new Alert(
                                "postgres",
                                "PostgresDown",
                                "pg_up == 0",
                                "2m",
                                Alert.Severity.CRITICAL,
                                "PostgreSQL does not answer",
                                "postgres_exporter beside the server has not reached it for 2 minutes: every app's database is down. Read the logs of postgres-0.",
                                Alert.Case.of(
                                        "5m",
                                        Map.of("app_kubernetes_io_instance", "postgres"),
                                        "pg_up{app_kubernetes_io_instance=\"postgres\"}",
                                        "0x10"),
                                Alert.Case.of(
                                        "5m",
                                        Map.of(),
                                        "pg_up{app_kubernetes_io_instance=\"postgres\"}",
                                        "1x10")),
                        PostgresAlerts.connectionsNearLimit(
                                pg,
                                "sum(pg_stat_database_numbackends) > " + limit,
                                "pg_stat_database_numbackends{datname=\"app\"}",
                                Map.of(),
                                ""));
        Dashboard dashboard =
                Scrape.dashboard(
                        context,
                        PostgresComponent.SERVICE,
                        "PostgreSQL",
                        List.of(
                                Dashboard.Panel.stat("Up", "short", "max(pg_up)"),
                                Dashboard.Panel.series(
                                        "Connections by database (limit "
                                                + pg.maxConnections()
                                                + ")",
                                        "short",
                                        "sum by (datname) (pg_stat_database_numbackends)"),
                                Dashboard.Panel.series(
                                        "Transactions per second",
                                        "short",
                                        "sum by (datname) (rate(pg_stat_database_xact_commit[5m]) + rate(pg_stat_database_xact_rollback[5m]))"),
                                Dashboard.Panel.series(
                                        "Database size", "bytes", "pg_database_size_bytes")));
        return new Monitoring(
                List.of("postgres (postgres_exporter :" + PostgresExporter.PORT + ")"),
                alerts,
                List.of(dashboard));
    }
}
