package io.neotool.gitops.components.postgres;

import io.neotool.gitops.monitoring.Alert;
import io.neotool.gitops.monitoring.Dashboard;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Scrape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the CloudNativePG Cluster is watched by: each instance's own metrics ({@code cnpg_*}, on
 * {@value PostgresCluster#METRICS_PORT}: the collector's and the default queries'), scraped by the
 * pod annotations the Cluster gives its instances. The alerts: an instance down, a standby missing
 * or lagging, connections near the limit, and, with backups, WAL archiving failing and the last
 * base backup too old.
 */
final class ClusterMetrics {
    private ClusterMetrics() {}

    static Monitoring of(Context context) {
        PostgresSettings pg = context.config().infrastructure().require(PostgresSettings.class);
        int limit = pg.maxConnections() * pg.connectionsAlertPercent() / 100;
        int standbys = PostgresCluster.INSTANCES - 1;
        List<Alert> alerts = new ArrayList<>();
        String up = "cnpg_collector_up{cluster=\"postgres\", pod=\"postgres-2\"}";
        alerts.add(
                new Alert(
                        "postgres",
                        "PostgresInstanceDown",
                        "cnpg_collector_up == 0",
                        "2m",
                        Alert.Severity.CRITICAL,
                        "PostgreSQL instance {{ $labels.pod }} does not answer",
                        "The instance manager of {{ $labels.pod }} has not reached its PostgreSQL for 2 minutes. If it was the primary, CloudNativePG promotes a standby; check kubectl get cluster postgres and the pod's logs.",
                        Alert.Case.of(
                                "5m",
                                Map.of("cluster", "postgres", "pod", "postgres-2"),
                                up,
                                "0x10"),
                        Alert.Case.of("5m", Map.of(), up, "1x10")));
        String streaming = "cnpg_pg_replication_streaming_replicas{pod=\"postgres-1\"}";
        alerts.add(
                new Alert(
                        "postgres",
                        "PostgresStandbyMissing",
                        "max(cnpg_pg_replication_streaming_replicas) < " + standbys,
                        "10m",
                        Alert.Severity.WARNING,
                        "The primary streams to fewer than " + standbys + " standbys",
                        "A standby of the postgres Cluster is not replicating: one more node lost would stop synchronous commits. kubectl get cluster postgres shows which instance is not ready.",
                        Alert.Case.of("15m", Map.of(), streaming, (standbys - 1) + "x20"),
                        Alert.Case.of("15m", Map.of(), streaming, standbys + "x20")));
        String lag = "cnpg_pg_replication_lag{pod=\"postgres-3\"}";
        alerts.add(
                new Alert(
                        "postgres",
                        "PostgresReplicationLagging",
                        "cnpg_pg_replication_lag > 60",
                        "5m",
                        Alert.Severity.WARNING,
                        "Standby {{ $labels.pod }} is more than a minute behind the primary",
                        "The standby replays WAL more than 60 s behind: a failover to it would wait for the rest. A slow disk or network between nodes is the usual cause.",
                        Alert.Case.of("10m", Map.of("pod", "postgres-3"), lag, "120x15"),
                        Alert.Case.of("10m", Map.of(), lag, "0x15")));
        String backends =
                "cnpg_backends_total{pod=\"postgres-1\", datname=\"app\", state=\"active\"}";
        alerts.add(
                PostgresAlerts.connectionsNearLimit(
                        pg,
                        "sum by (pod) (cnpg_backends_total) > " + limit,
                        backends,
                        Map.of("pod", "postgres-1"),
                        " on {{ $labels.pod }}"));
        if (context.config().backedUp()) {
            alerts.addAll(backupAlerts(context));
        }
        Dashboard dashboard =
                Scrape.dashboard(
                        context,
                        PostgresCluster.NAME,
                        "PostgreSQL (CloudNativePG)",
                        List.of(
                                Dashboard.Panel.series(
                                        "Instances up", "short", "sum(cnpg_collector_up)"),
                                Dashboard.Panel.series(
                                        "Connections by instance (limit "
                                                + pg.maxConnections()
                                                + ")",
                                        "short",
                                        "sum by (pod) (cnpg_backends_total)"),
                                Dashboard.Panel.series(
                                        "Replication lag (s)",
                                        "s",
                                        "max by (pod) (cnpg_pg_replication_lag)"),
                                Dashboard.Panel.series(
                                        "Database size",
                                        "bytes",
                                        "max by (datname) (cnpg_pg_database_size_bytes)")));
        return new Monitoring(
                List.of("postgres (CloudNativePG instances :" + PostgresCluster.METRICS_PORT + ")"),
                alerts,
                List.of(dashboard));
    }

    private static List<Alert> backupAlerts(Context context) {
        long limit =
                io.neotool.gitops.monitoring.CronGaps.maxGapSeconds(
                                context.config().backups().schedule())
                        + io.neotool.gitops.components.prometheus.AlertThresholds.seconds(
                                context.config().backups().alertSlack());
        long evalMinutes = limit / 60 + 30;
        String failed = "cnpg_pg_stat_archiver_last_failed_time{pod=\"postgres-1\"}";
        String archived = "cnpg_pg_stat_archiver_last_archived_time{pod=\"postgres-1\"}";
        String backup = "cnpg_collector_last_available_backup_timestamp{pod=\"postgres-1\"}";
        return List.of(
                new Alert(
                        "postgres",
                        "PostgresWalArchivingFailing",
                        "cnpg_pg_stat_archiver_last_failed_time > cnpg_pg_stat_archiver_last_archived_time",
                        "15m",
                        Alert.Severity.CRITICAL,
                        "WAL archiving of {{ $labels.pod }} fails",
                        "The last attempt to archive WAL to the bucket failed after the last success: point-in-time recovery stops at the last archived segment, and WAL piles up on the primary's disk. Check the bucket's keys (Secret postgres-backup-s3, Job postgres-secrets) and kubectl logs of the primary.",
                        Alert.Case.of(
                                "20m",
                                Map.of("pod", "postgres-1"),
                                failed,
                                "2000x25",
                                archived,
                                "1000x25"),
                        Alert.Case.of("20m", Map.of(), failed, "1000x25", archived, "2000x25")),
                new Alert(
                        "postgres",
                        "PostgresBaseBackupTooOld",
                        "time() - max(cnpg_collector_last_available_backup_timestamp) > " + limit,
                        "0m",
                        Alert.Severity.CRITICAL,
                        "No base backup of PostgreSQL has succeeded for too long",
                        "The newest base backup in the bucket is older than the schedule's interval plus "
                                + context.config().backups().alertSlack()
                                + ": kubectl get backups shows the failed ones; point-in-time recovery needs a base backup before the time it restores to.",
                        Alert.Case.of(
                                evalMinutes + "m", Map.of(), backup, "0x" + (evalMinutes + 5)),
                        Alert.Case.of(
                                evalMinutes + "m", Map.of(), backup, "0+60x" + (evalMinutes + 5))));
    }
}
