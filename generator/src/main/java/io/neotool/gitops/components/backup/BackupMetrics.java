package io.neotool.gitops.components.backup;

import io.neotool.gitops.components.prometheus.AlertThresholds;
import io.neotool.gitops.monitoring.Alert;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.platform.Context;
import java.util.List;
import java.util.Map;

/**
 * Whether the nightly backup ran: kube-state-metrics reports the CronJob's last success and each
 * Job's failures. "Too old" is the longest gap the schedule allows between two runs plus the
 * config's slack, so a weekly schedule does not alert daily.
 */
final class BackupMetrics {
    private BackupMetrics() {}

    static Monitoring of(Context context) {
        String ns = context.namespace();
        String cronJob = BackupNames.BACKUP;
        long limit =
                io.neotool.gitops.monitoring.CronGaps.maxGapSeconds(
                                context.config().backups().schedule())
                        + AlertThresholds.seconds(context.config().backups().alertSlack());
        long evalMinutes = limit / 60 + 30;
        String last =
                "kube_cronjob_status_last_successful_time{namespace=\""
                        + ns
                        + "\", cronjob=\""
                        + cronJob
                        + "\"}";
        String failed =
                "kube_job_status_failed{namespace=\""
                        + ns
                        + "\", job_name=\""
                        + cronJob
                        + "-29000000\"}";
        List<Alert> alerts =
                List.of(
                        new Alert(
                                "backups",
                                "BackupFailed",
                                "kube_job_status_failed{namespace=\""
                                        + ns
                                        + "\", job_name=~\"("
                                        + cronJob
                                        + "|"
                                        + BackupNames.SNAPSHOT
                                        + ")-.*\"} > 0",
                                "0m",
                                Alert.Severity.CRITICAL,
                                "The backup Job {{ $labels.job_name }} failed",
                                "The nightly dump, Vault's snapshot or their upload failed (a full bucket, a wrong key: the upload fails the Job); read the Job's logs (runbook: database backups) and run it again with kubectl create job --from=cronjob/"
                                        + cronJob
                                        + ".",
                                Alert.Case.of(
                                        "5m",
                                        Map.of("namespace", ns, "job_name", cronJob + "-29000000"),
                                        failed,
                                        "1x10"),
                                Alert.Case.of("5m", Map.of(), failed, "0x10")),
                        new Alert(
                                "backups",
                                "BackupTooOld",
                                "time() - kube_cronjob_status_last_successful_time{namespace=\""
                                        + ns
                                        + "\", cronjob=~\""
                                        + cronJob
                                        + "|"
                                        + BackupNames.SNAPSHOT
                                        + "\"} > "
                                        + limit,
                                "0m",
                                Alert.Severity.CRITICAL,
                                "No database backup or Vault snapshot has succeeded for too long",
                                "The last successful backup is older than the schedule's interval plus "
                                        + context.config().backups().alertSlack()
                                        + ": the CronJob is not running or keeps failing.",
                                Alert.Case.of(
                                        evalMinutes + "m",
                                        Map.of("namespace", ns, "cronjob", cronJob),
                                        last,
                                        "0x" + (evalMinutes + 5)),
                                // a success every minute, the timestamp of the sample itself
                                Alert.Case.of(
                                        evalMinutes + "m",
                                        Map.of(),
                                        last,
                                        "0+60x" + (evalMinutes + 5))));
        return new Monitoring(List.of(), alerts, List.of());
    }
}
