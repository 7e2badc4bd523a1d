package io.neotool.gitops.components.postgres;

import io.neotool.gitops.monitoring.Alert;
import java.util.Map;

/** The PostgreSQL alerts both topologies share, over either's metrics. */
final class PostgresAlerts {
    private PostgresAlerts() {}

    /**
     * More connections open than the alert's share of {@code max_connections}: {@code expr} over
     * the server's metric, firing with {@code labels} ({@code where} names the instance in the
     * text, or is empty).
     */
    static Alert connectionsNearLimit(
            PostgresSettings pg,
            String expr,
            String series,
            Map<String, String> labels,
            String where) {
        int limit = pg.maxConnections() * pg.connectionsAlertPercent() / 100;
        return new Alert(
                "postgres",
                "PostgresConnectionsNearLimit",
                expr,
                "5m",
                Alert.Severity.WARNING,
                "PostgreSQL has more than "
                        + limit
                        + " of its "
                        + pg.maxConnections()
                        + " connections open",
                "Connections"
                        + where
                        + " are above "
                        + pg.connectionsAlertPercent()
                        + "% of max_connections; new ones will soon be refused. PgBouncer's pool sizes or an app that leaks connections are the usual causes.",
                Alert.Case.of("10m", labels, series, (limit + 1) + "x15"),
                Alert.Case.of("10m", Map.of(), series, "1x15"));
    }
}
