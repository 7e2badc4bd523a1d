package io.neotool.gitops.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Grafana dashboard model (schema version 39, Grafana 11) of a {@link Dashboard}: panels two to
 * a row, logs panels the full width, each query on the data source whose uid Grafana is provisioned
 * with ({@value #PROMETHEUS} or {@value #LOKI}).
 */
public final class DashboardJson {
    public static final String PROMETHEUS = "prometheus";
    public static final String LOKI = "loki";

    private DashboardJson() {}

    public static Map<String, Object> of(Dashboard dashboard) {
        List<Object> panels = new ArrayList<>();
        int x = 0;
        int y = 0;
        int id = 1;
        for (Dashboard.Panel panel : dashboard.panels()) {
            boolean logs = panel.kind() == Dashboard.Kind.LOGS;
            int w = logs ? 24 : 12;
            int h = logs ? 10 : 8;
            if (x + w > 24) {
                x = 0;
                y += 8;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", id++);
            p.put("type", panel.kind().name().toLowerCase(java.util.Locale.ROOT));
            p.put("title", panel.title());
            p.put("gridPos", Map.of("x", x, "y", y, "w", w, "h", h));
            String source = logs ? LOKI : PROMETHEUS;
            p.put("datasource", datasource(source));
            List<Object> targets = new ArrayList<>();
            char ref = 'A';
            for (String query : panel.queries()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("refId", String.valueOf(ref++));
                t.put("datasource", datasource(source));
                t.put("expr", query);
                targets.add(t);
            }
            p.put("targets", targets);
            if (!logs) {
                p.put(
                        "fieldConfig",
                        Map.of("defaults", Map.of("unit", panel.unit()), "overrides", List.of()));
            } else {
                p.put(
                        "options",
                        Map.of(
                                "showTime",
                                true,
                                "wrapLogMessage",
                                true,
                                "sortOrder",
                                "Descending"));
            }
            panels.add(p);
            x += w;
            if (x >= 24) {
                x = 0;
                y += h;
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uid", dashboard.uid());
        json.put("title", dashboard.title());
        json.put("tags", dashboard.tags());
        json.put("editable", false);
        json.put("schemaVersion", 39);
        json.put("version", 1);
        json.put("refresh", "1m");
        json.put("time", Map.of("from", "now-6h", "to", "now"));
        json.put("timezone", "utc");
        List<Object> variables = new ArrayList<>();
        String variable = dashboard.variable();
        if (variable != null && !dashboard.variableValues().isEmpty()) {
            // the values once, as the custom variable's query: Grafana derives its options from
            // it, so a dashboard of many apps stays small
            String first = dashboard.variableValues().get(0);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", variable);
            v.put("type", "custom");
            v.put("query", String.join(",", dashboard.variableValues()));
            v.put("current", Map.of("text", first, "value", first));
            v.put("options", List.of());
            v.put("multi", false);
            v.put("includeAll", false);
            variables.add(v);
        }
        json.put("templating", Map.of("list", variables));
        json.put("panels", panels);
        return json;
    }

    private static Map<String, Object> datasource(String uid) {
        return Map.of("type", uid, "uid", uid);
    }
}
