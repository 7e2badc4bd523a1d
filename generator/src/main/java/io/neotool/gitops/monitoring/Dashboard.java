package io.neotool.gitops.monitoring;

import java.util.List;

/**
 * A Grafana dashboard: panels of PromQL or LogQL queries, laid out two to a row, with an optional
 * variable whose values the config lists (the apps of one kind).
 *
 * @param variable the name of a single-value custom variable, or null
 */
public record Dashboard(
        String uid,
        String title,
        List<String> tags,
        @org.jspecify.annotations.Nullable String variable,
        List<String> variableValues,
        List<Panel> panels) {

    public static Dashboard of(String uid, String title, List<Panel> panels) {
        return new Dashboard(uid, title, List.of("neotool"), null, List.of(), panels);
    }

    /** What a panel shows: a time series, one number, or log lines. */
    public enum Kind {
        TIMESERIES,
        STAT,
        LOGS
    }

    /**
     * One panel; {@code queries} are PromQL for Prometheus panels, LogQL for logs panels.
     *
     * @param unit a Grafana unit ({@code bytes}, {@code percentunit}, {@code s}, {@code short})
     */
    public record Panel(String title, Kind kind, String unit, List<String> queries) {
        public static Panel series(String title, String unit, String... queries) {
            return new Panel(title, Kind.TIMESERIES, unit, List.of(queries));
        }

        public static Panel stat(String title, String unit, String query) {
            return new Panel(title, Kind.STAT, unit, List.of(query));
        }

        public static Panel logs(String title, String query) {
            return new Panel(title, Kind.LOGS, "short", List.of(query));
        }
    }
}
