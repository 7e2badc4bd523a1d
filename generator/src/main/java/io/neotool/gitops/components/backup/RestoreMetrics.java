package io.neotool.gitops.components.backup;

import io.neotool.gitops.monitoring.Alert;
import io.neotool.gitops.monitoring.Dashboard;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.platform.Context;
import java.util.List;
import java.util.Map;

/**
 * Whether a backup would restore: the drill's CronJob, as kube-state-metrics reports it. Its last
 * run failed when it was scheduled after its last success (and has had two hours to finish); it is
 * too old when no drill succeeded for 8 days (counted from the CronJob's creation until the first
 * success). One dashboard shows the age of the last backup, Vault snapshot and drill.
 */
final class RestoreMetrics {
    /** A weekly drill and a day's grace. */
    static final long TOO_OLD_SECONDS = 8 * 24 * 3600L;

    private RestoreMetrics() {}

    private static String series(String metric, String ns, String cronJob) {
        return metric + "{namespace=\"" + ns + "\", cronjob=\"" + cronJob + "\"}";
    }

    static Monitoring of(Context context) {
        String ns = context.namespace();
        String drill = BackupNames.DRILL;
        String lastSuccess = series("kube_cronjob_status_last_successful_time", ns, drill);
        String lastSchedule = series("kube_cronjob_status_last_schedule_time", ns, drill);
        String created = series("kube_cronjob_created", ns, drill);
        Map<String, String> labels = Map.of("namespace", ns, "cronjob", drill);
        long evalMinutes = TOO_OLD_SECONDS / 60 + 30;
        Alert failed =
                new Alert(
                        "backups",
                        "RestoreDrillFailed",
                        lastSchedule + " > " + lastSuccess,
                        "2h",
                        Alert.Severity.WARNING,
                        "The last restore drill did not succeed",
                        "The weekly drill could not restore the latest backup and find every table and row of the dumps: a restore would fail the same way. Read its Job's logs (runbook: Restore).",
                        Alert.Case.of("3h", labels, lastSchedule, "3600x200", lastSuccess, "0x200"),
                        Alert.Case.of(
                                "3h", Map.of(), lastSchedule, "3600x200", lastSuccess, "3600x200"));
        Alert tooOld =
                new Alert(
                        "backups",
                        "RestoreDrillTooOld",
                        "time() - "
                                + lastSuccess
                                + " > "
                                + TOO_OLD_SECONDS
                                + " or (time() - "
                                + created
                                + " > "
                                + TOO_OLD_SECONDS
                                + " unless on(namespace, cronjob) "
                                + lastSuccess
                                + ")",
                        "0m",
                        Alert.Severity.WARNING,
                        "No restore drill has succeeded for 8 days",
                        "Nothing proves the backups restore: the drill has not run, or keeps failing (runbook: Restore).",
                        Alert.Case.of(evalMinutes + "m", labels, created, "0x" + (evalMinutes + 5)),
                        Alert.Case.of(
                                evalMinutes + "m",
                                Map.of(),
                                created,
                                "0x" + (evalMinutes + 5),
                                lastSuccess,
                                "0+60x" + (evalMinutes + 5)));
        String age =
                "time() - kube_cronjob_status_last_successful_time{namespace=\""
                        + ns
                        + "\", cronjob=\"";
        Dashboard dashboard =
                Dashboard.of(
                        "neotool-backups",
                        "Backups",
                        List.of(
                                Dashboard.Panel.stat(
                                        "Since the last database backup",
                                        "s",
                                        age + BackupNames.BACKUP + "\"}"),
                                Dashboard.Panel.stat(
                                        "Since the last Vault snapshot",
                                        "s",
                                        age + BackupNames.SNAPSHOT + "\"}"),
                                Dashboard.Panel.stat(
                                        "Since the last good restore drill",
                                        "s",
                                        age + drill + "\"}"),
                                Dashboard.Panel.series(
                                        "Failed backup, snapshot and drill Jobs",
                                        "short",
                                        "sum by (job_name) (kube_job_status_failed{namespace=\""
                                                + ns
                                                + "\", job_name=~\"("
                                                + BackupNames.BACKUP
                                                + "|"
                                                + BackupNames.SNAPSHOT
                                                + "|"
                                                + drill
                                                + ")-.*\"})")));
        return new Monitoring(List.of(), List.of(failed, tooOld), List.of(dashboard));
    }
}
