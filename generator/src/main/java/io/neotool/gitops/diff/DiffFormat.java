package io.neotool.gitops.diff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link SemanticDiff.Report} is shown: text for a terminal, markdown for a PR comment, json
 * for bots.
 */
public enum DiffFormat {
    TEXT,
    MARKDOWN,
    JSON;

    static final int MAX_VALUE = 160;

    public static DiffFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown diff format '" + name + "': one of text, markdown, json");
        }
    }

    /** The file extension of the format. */
    public String extension() {
        return switch (this) {
            case TEXT -> "txt";
            case MARKDOWN -> "md";
            case JSON -> "json";
        };
    }

    public String render(SemanticDiff.Report report) {
        return switch (this) {
            case TEXT -> text(report);
            case MARKDOWN -> MarkdownReport.render(report);
            case JSON -> JsonReport.render(report);
        };
    }

    /** Terraform's headline: {@code N to add, N to change, N to destroy}. */
    static String plan(List<ObjectDiff> objects) {
        long added = objects.stream().filter(o -> o.status() == ObjectDiff.Status.ADDED).count();
        long changed =
                objects.stream().filter(o -> o.status() == ObjectDiff.Status.CHANGED).count();
        long removed =
                objects.stream().filter(o -> o.status() == ObjectDiff.Status.REMOVED).count();
        return added + " to add, " + changed + " to change, " + removed + " to destroy";
    }

    static String value(@Nullable String value) {
        if (value == null) {
            return "(none)";
        }
        String single = value.replace("\n", "\\n");
        return single.length() > MAX_VALUE ? single.substring(0, MAX_VALUE) + "…" : single;
    }

    static String status(ObjectDiff o) {
        return switch (o.status()) {
            case ADDED -> "+ add";
            case CHANGED -> "~ change";
            case REMOVED -> "- destroy";
        };
    }

    static String version(@Nullable String version) {
        return version == null ? "—" : version;
    }

    static String text(SemanticDiff.Report report) {
        StringBuilder out =
                new StringBuilder("neotool diff against ").append(report.base()).append('\n');
        if (report.empty()) {
            return out.append("no change to any cluster\n").toString();
        }
        report.byCluster()
                .forEach(
                        (cluster, objects) ->
                                out.append("  ")
                                        .append(cluster)
                                        .append(": ")
                                        .append(plan(objects))
                                        .append('\n'));
        if (!report.flux().isEmpty()) {
            out.append(
                    "\nWHAT FLUX WILL DO (each Flux Kustomization's path built before and after):\n");
            FluxPlan.lines(report.flux()).forEach(l -> out.append("  ").append(l).append('\n'));
        }
        if (!report.dangers().isEmpty()) {
            out.append("\nDANGER (").append(report.dangers().size()).append("):\n");
            for (Danger d : report.dangers()) {
                out.append("  [")
                        .append(d.kind().label())
                        .append("] ")
                        .append(d.cluster())
                        .append(": ")
                        .append(d.object())
                        .append(": ")
                        .append(d.reason())
                        .append('\n');
                if (d.action() != null) {
                    out.append("      what to do: ").append(d.action()).append('\n');
                }
            }
        }
        if (!report.versions().isEmpty()) {
            out.append("\nImage and chart versions:\n");
            report.versions()
                    .forEach(
                            v ->
                                    out.append("  ")
                                            .append(v.cluster())
                                            .append(": ")
                                            .append(v.component())
                                            .append(' ')
                                            .append(v.subject())
                                            .append(": ")
                                            .append(version(v.before()))
                                            .append(" -> ")
                                            .append(version(v.after()))
                                            .append('\n'));
        }
        report.byCluster()
                .forEach(
                        (cluster, objects) -> {
                            out.append("\n")
                                    .append(cluster)
                                    .append(" (")
                                    .append(plan(objects))
                                    .append("):\n");
                            for (ObjectDiff o : objects) {
                                out.append("  ")
                                        .append(status(o))
                                        .append(' ')
                                        .append(o.object())
                                        .append("  [")
                                        .append(o.file())
                                        .append("]\n");
                                for (Change c : o.changes()) {
                                    if (!c.lines().isEmpty()) {
                                        out.append("      ").append(c.field()).append(":\n");
                                        c.lines()
                                                .forEach(
                                                        line ->
                                                                out.append("        ")
                                                                        .append(line)
                                                                        .append('\n'));
                                    } else {
                                        out.append("      ")
                                                .append(c.field())
                                                .append(": ")
                                                .append(value(c.before()))
                                                .append(" -> ")
                                                .append(value(c.after()))
                                                .append('\n');
                                    }
                                }
                            }
                        });
        return out.toString();
    }

    static String cell(@Nullable String text) {
        return "`" + value(text).replace("|", "\\|").replace("`", "'") + "`";
    }

    static long count(List<ObjectDiff> objects, ObjectDiff.Status status) {
        return objects.stream().filter(o -> o.status() == status).count();
    }

    static Map<String, Object> ordered(@Nullable Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
