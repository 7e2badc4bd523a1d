package io.neotool.gitops.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Prometheus alerting rule, with the two cases that prove it under {@code promtool test rules}:
 * input series on which it fires (with the labels it fires with) and series on which it must stay
 * quiet. Annotations may name labels only ({@code {{ $labels.pod }}}), so that the expected text of
 * a firing alert is known.
 *
 * @param group the rule group (one per component, or per app)
 * @param forDuration how long the condition holds before the alert fires ({@code 0m}: at once)
 */
public record Alert(
        String group,
        String name,
        String expr,
        String forDuration,
        Severity severity,
        String summary,
        String description,
        Case fires,
        Case quiet) {

    private static final Pattern LABEL =
            Pattern.compile("\\{\\{ \\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*) }}");

    /** Who is woken: {@code critical} pages, {@code warning} waits for working hours. */
    public enum Severity {
        CRITICAL,
        WARNING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Input series (series selector to promtool's expanding notation, such as {@code 0x30}) sampled
     * every minute, and the time the rule is evaluated at; {@code labels} are the labels the alert
     * fires with (besides alertname and severity), empty for a quiet case.
     */
    public record Case(Map<String, String> series, String evalTime, Map<String, String> labels) {
        public static Case of(
                String evalTime, Map<String, String> labels, String... seriesAndValues) {
            Map<String, String> series = new LinkedHashMap<>();
            for (int i = 0; i < seriesAndValues.length; i += 2) {
                series.put(seriesAndValues[i], seriesAndValues[i + 1]);
            }
            return new Case(series, evalTime, labels);
        }
    }

    public Alert {
        for (String text : new String[] {summary, description}) {
            if (text.replaceAll(LABEL.pattern(), "").contains("{{")) {
                throw new IllegalArgumentException(
                        name + ": annotations may name labels only: " + text);
            }
        }
    }

    /** An annotation with the labels of a firing alert filled in. */
    public static String expand(String text, Map<String, String> labels) {
        Matcher m = LABEL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(labels.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
