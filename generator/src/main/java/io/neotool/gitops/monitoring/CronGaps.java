package io.neotool.gitops.monitoring;

import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.Map;

/** How far apart the runs of a cron schedule can be: what "too old" alerts allow. */
public final class CronGaps {
    private CronGaps() {}

    /**
     * The longest time between two runs of a five-field cron schedule (numbers, ranges, steps and
     * lists, as the config allows), found by walking a leap year and a day minute by minute.
     */
    public static long maxGapSeconds(String schedule) {
        return GAPS.computeIfAbsent(schedule, CronGaps::walk);
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
