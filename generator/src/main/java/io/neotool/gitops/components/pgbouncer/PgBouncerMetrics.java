package io.neotool.gitops.components.pgbouncer;

import io.neotool.gitops.monitoring.Alert;
import io.neotool.gitops.monitoring.Dashboard;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Scrape;
import java.util.List;
import java.util.Map;

/** What PgBouncer is watched by: pgbouncer_exporter (clients waiting for a server connection). */
final class PgBouncerMetrics {
    private PgBouncerMetrics() {}

    static Monitoring of(Context context) {
        int waiting =
                context.config()
                        .infrastructure()
                        .require(PgBouncerSettings.class)
                        .waitingClientsAlert();
        String series =
                "pgbouncer_pools_client_waiting_connections{database=\"app\", user=\"app\"}";
        List<Alert> alerts =
                List.of(
                        new Alert(
                                "pgbouncer",
                                "PgBouncerDown",
                                "pgbouncer_up == 0",
                                "2m",
                                Alert.Severity.CRITICAL,
                                "PgBouncer does not answer its exporter",
                                "pgbouncer_exporter has not reached PgBouncer's admin database for 2 minutes; apps connect through PgBouncer.",
                                Alert.Case.of(
                                        "5m",
                                        Map.of("app_kubernetes_io_instance", "pgbouncer"),
                                        "pgbouncer_up{app_kubernetes_io_instance=\"pgbouncer\"}",
                                        "0x10"),
                                Alert.Case.of(
                                        "5m",
                                        Map.of(),
                                        "pgbouncer_up{app_kubernetes_io_instance=\"pgbouncer\"}",
                                        "1x10")),
                        clientsWaiting(
                                waiting, "pgbouncer_pools_client_waiting_connections", series));
        Dashboard dashboard =
                Scrape.dashboard(
                        context,
                        PgBouncerComponent.SERVICE,
                        "PgBouncer",
                        List.of(
                                Dashboard.Panel.stat("Up", "short", "max(pgbouncer_up)"),
                                Dashboard.Panel.series(
                                        "Clients active and waiting",
                                        "short",
                                        "sum by (database) (pgbouncer_pools_client_active_connections)",
                                        "sum by (database) (pgbouncer_pools_client_waiting_connections)"),
                                Dashboard.Panel.series(
                                        "Server connections active and idle",
                                        "short",
                                        "sum by (database) (pgbouncer_pools_server_active_connections)",
                                        "sum by (database) (pgbouncer_pools_server_idle_connections)"),
                                Dashboard.Panel.series(
                                        "Longest wait",
                                        "s",
                                        "max by (database) (pgbouncer_pools_client_maxwait_seconds)")));
        return new Monitoring(
                List.of("pgbouncer (pgbouncer_exporter :" + PgBouncerExporter.PORT + ")"),
                alerts,
                List.of(dashboard));
    }

    /**
     * Clients waited for a server connection: {@code metric} summed by database above {@code
     * waiting} for 5 minutes ({@code series} one of its series, for the cases).
     */
    static Alert clientsWaiting(int waiting, String metric, String series) {
        return new Alert(
                "pgbouncer",
                "PgBouncerClientsWaiting",
                "sum by (database) (" + metric + ") > " + waiting,
                "5m",
                Alert.Severity.WARNING,
                "Clients wait for a PostgreSQL connection to {{ $labels.database }}",
                "More than "
                        + waiting
                        + " clients of {{ $labels.database }} have waited for a server connection for 5 minutes: the pool (defaultPoolSize) is too small or queries hold connections too long.",
                Alert.Case.of("10m", Map.of("database", "app"), series, (waiting + 3) + "x15"),
                Alert.Case.of("10m", Map.of(), series, waiting + "x15"));
    }
}
