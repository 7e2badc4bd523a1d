package io.neotool.gitops.components.backup;

import io.neotool.gitops.components.prometheus.AlertThresholds;
import io.neotool.gitops.monitoring.Alert;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.platform.Context;
import java.time.LocalDateTime;
import java.util.BitSet;
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
                maxGapSeconds(context.config().backups().schedule())
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

    /**
     * The longest time between two runs of a five-field cron schedule (numbers, ranges, steps and
     * lists, as the config allows), found by walking a leap year and a day minute by minute.
     */
    static long maxGapSeconds(String schedule) {
        return GAPS.computeIfAbsent(schedule, BackupMetrics::walk);
    }

    /**
     * The gap of each schedule met (a year's walk costs more than the rest of a cluster's alerts).
     */
    private static final Map<String, Long> GAPS = new java.util.concurrent.ConcurrentHashMap<>();

    private static long walk(String schedule) {
        String[] f = schedule.trim().split("\\s+", -1);
        BitSet minutes = field(f[0], 0, 59);
        BitSet hours = field(f[1], 0, 23);
        BitSet days = field(f[2], 1, 31);
        BitSet months = field(f[3], 1, 12);
        BitSet weekdays = field(f[4], 0, 7);
        if (weekdays.get(7)) {
            weekdays.set(0);
        }
        boolean anyDay = f[2].equals("*");
        boolean anyWeekday = f[4].equals("*");
        LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0);
        LocalDateTime end = t.plusDays(367);
        long previous = -1;
        long first = -1;
        long gap = 0;
        for (long minute = 0; t.isBefore(end); minute++, t = t.plusMinutes(1)) {
            boolean day =
                    (anyDay || anyWeekday)
                            ? days.get(t.getDayOfMonth())
                                    && weekdays.get(t.getDayOfWeek().getValue() % 7)
                            : days.get(t.getDayOfMonth())
                                    || weekdays.get(t.getDayOfWeek().getValue() % 7);
            if (minutes.get(t.getMinute())
                    && hours.get(t.getHour())
                    && months.get(t.getMonthValue())
                    && day) {
                if (previous >= 0) {
                    gap = Math.max(gap, minute - previous);
                } else {
                    first = minute;
                }
                previous = minute;
            }
        }
        if (first >= 0 && previous == first) {
            gap = 366L * 24 * 60;
        }
        return gap * 60;
    }

    private static BitSet field(String field, int min, int max) {
        BitSet set = new BitSet();
        for (String part : field.split(",", -1)) {
            String[] stepped = part.split("/", -1);
            int step = stepped.length > 1 ? Integer.parseInt(stepped[1]) : 1;
            int from = min;
            int to = max;
            if (!stepped[0].equals("*")) {
                String[] range = stepped[0].split("-", -1);
                from = Integer.parseInt(range[0]);
                to =
                        range.length > 1
                                ? Integer.parseInt(range[1])
                                : stepped.length > 1 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }
}
