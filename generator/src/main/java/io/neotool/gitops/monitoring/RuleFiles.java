package io.neotool.gitops.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus rule file of a set of alerts (the chart's {@code serverFiles.alerting_rules.yml})
 * and the {@code promtool test rules} file that fires each alert once and keeps it quiet once.
 */
public final class RuleFiles {
    private RuleFiles() {}

    /**
     * The rule file: one group per {@link Alert#group()}, in the order the alerts come; each
     * alert's {@code runbook_url} is its section of the runbook at {@code runbook}.
     */
    public static Map<String, Object> alertingRules(List<Alert> alerts, String runbook) {
        Map<String, List<Object>> groups = new LinkedHashMap<>();
        for (Alert alert : alerts) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("alert", alert.name());
            rule.put("expr", alert.expr());
            rule.put("for", alert.forDuration());
            rule.put("labels", labels(alert));
            Map<String, Object> annotations = new LinkedHashMap<>();
            annotations.put("summary", alert.summary());
            annotations.put("description", alert.description());
            annotations.put("runbook_url", runbookUrl(runbook, alert));
            rule.put("annotations", annotations);
            groups.computeIfAbsent(alert.group(), g -> new ArrayList<>()).add(rule);
        }
        List<Object> list = new ArrayList<>();
        groups.forEach((name, rules) -> list.add(Map.of("name", name, "rules", rules)));
        return Map.of("groups", list);
    }

    /**
     * The labels a rule adds: its severity (what Alertmanager routes by) and its group as {@code
     * component} (which also keeps the per-app rules of one name apart).
     */
    static Map<String, String> labels(Alert alert) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("severity", alert.severity().label());
        labels.put("component", alert.group());
        return labels;
    }

    /**
     * promtool's unit tests of {@code alerts} against {@code ruleFile}: for each alert one test in
     * which it fires with its expected labels and annotations, and one in which it does not.
     */
    public static Map<String, Object> promtoolTests(
            List<Alert> alerts, String ruleFile, String runbook) {
        List<Object> tests = new ArrayList<>();
        for (Alert alert : alerts) {
            tests.add(test(alert, alert.fires(), true, runbook));
            tests.add(test(alert, alert.quiet(), false, runbook));
        }
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("rule_files", List.of(ruleFile));
        file.put("evaluation_interval", "1m");
        file.put("tests", tests);
        return file;
    }

    /** The alert's section of the runbook: its heading's anchor, the alert's name in lower case. */
    public static String runbookUrl(String runbook, Alert alert) {
        return runbook + "#" + alert.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Map<String, Object> test(
            Alert alert, Alert.Case c, boolean fires, String runbook) {
        List<Object> series = new ArrayList<>();
        c.series().forEach((s, values) -> series.add(Map.of("series", s, "values", values)));
        List<Object> expected = new ArrayList<>();
        if (fires) {
            Map<String, String> labels = new LinkedHashMap<>(c.labels());
            labels.putAll(labels(alert));
            labels.put("alertname", alert.name());
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("summary", Alert.expand(alert.summary(), labels));
            annotations.put("description", Alert.expand(alert.description(), labels));
            annotations.put("runbook_url", runbookUrl(runbook, alert));
            labels.remove("alertname");
            expected.add(Map.of("exp_labels", labels, "exp_annotations", annotations));
        }
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("name", alert.name() + (fires ? " fires" : " stays quiet"));
        test.put("interval", "1m");
        test.put("input_series", series);
        test.put(
                "alert_rule_test",
                List.of(
                        Map.of(
                                "eval_time",
                                c.evalTime(),
                                "alertname",
                                alert.name(),
                                "exp_alerts",
                                expected)));
        return test;
    }
}
