package io.neotool.gitops.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a {@link SemanticDiff.Report} is shown: text for a terminal, markdown for a PR comment, json
 * for bots.
 */
public enum DiffFormat {
    TEXT,
    MARKDOWN,
    JSON;

    private static final int MAX_VALUE = 160;

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
            case MARKDOWN -> markdown(report);
            case JSON -> json(report);
        };
    }

    /** Terraform's headline: {@code N to add, N to change, N to destroy}. */
    static String plan(List<SemanticDiff.ObjectDiff> objects) {
        long added = objects.stream().filter(o -> o.status() == SemanticDiff.Status.ADDED).count();
        long changed =
                objects.stream().filter(o -> o.status() == SemanticDiff.Status.CHANGED).count();
        long removed =
                objects.stream().filter(o -> o.status() == SemanticDiff.Status.REMOVED).count();
        return added + " to add, " + changed + " to change, " + removed + " to destroy";
    }

    private static String value(String value) {
        if (value == null) {
            return "(none)";
        }
        String single = value.replace("\n", "\\n");
        return single.length() > MAX_VALUE ? single.substring(0, MAX_VALUE) + "…" : single;
    }

    private static String status(SemanticDiff.ObjectDiff o) {
        return switch (o.status()) {
            case ADDED -> "+ add";
            case CHANGED -> "~ change";
            case REMOVED -> "- destroy";
        };
    }

    private static String version(String version) {
        return version == null ? "—" : version;
    }

    private static String text(SemanticDiff.Report report) {
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
                            for (SemanticDiff.ObjectDiff o : objects) {
                                out.append("  ")
                                        .append(status(o))
                                        .append(' ')
                                        .append(o.object())
                                        .append("  [")
                                        .append(o.file())
                                        .append("]\n");
                                for (SemanticDiff.Change c : o.changes()) {
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

    private static String cell(String text) {
        return "`" + value(text).replace("|", "\\|").replace("`", "'") + "`";
    }

    private static String markdown(SemanticDiff.Report report) {
        StringBuilder out =
                new StringBuilder("### neotool diff against `")
                        .append(report.base())
                        .append("`\n\n");
        if (report.empty()) {
            return out.append("No change to any cluster.\n").toString();
        }
        report.byCluster()
                .forEach(
                        (cluster, objects) ->
                                out.append("- **")
                                        .append(cluster)
                                        .append("**: ")
                                        .append(plan(objects))
                                        .append('\n'));
        if (!report.dangers().isEmpty()) {
            out.append("\n#### ⚠ Danger (")
                    .append(report.dangers().size())
                    .append(
                            ")\n\n| kind | cluster | object | why | what to do |\n|---|---|---|---|---|\n");
            for (Danger d : report.dangers()) {
                out.append("| ")
                        .append(d.kind().label())
                        .append(" | ")
                        .append(d.cluster())
                        .append(" | ")
                        .append(d.object())
                        .append(" | ")
                        .append(d.reason().replace("|", "\\|"))
                        .append(" | ")
                        .append(d.action() == null ? "" : d.action().replace("|", "\\|"))
                        .append(" |\n");
            }
        }
        if (!report.versions().isEmpty()) {
            out.append(
                    "\n#### Image and chart versions\n\n| cluster | component | image / chart | before | after |\n|---|---|---|---|---|\n");
            report.versions()
                    .forEach(
                            v ->
                                    out.append("| ")
                                            .append(v.cluster())
                                            .append(" | ")
                                            .append(v.component())
                                            .append(" | ")
                                            .append(cell(v.subject()))
                                            .append(" | ")
                                            .append(cell(version(v.before())))
                                            .append(" | ")
                                            .append(cell(version(v.after())))
                                            .append(" |\n"));
        }
        report.byCluster()
                .forEach(
                        (cluster, objects) -> {
                            out.append("\n#### ")
                                    .append(cluster)
                                    .append(" — ")
                                    .append(plan(objects))
                                    .append("\n\n");
                            for (SemanticDiff.ObjectDiff o : objects) {
                                out.append("- **")
                                        .append(status(o))
                                        .append("** ")
                                        .append(o.object())
                                        .append(" (`")
                                        .append(o.file())
                                        .append("`)\n");
                                List<SemanticDiff.Change> fields =
                                        o.changes().stream()
                                                .filter(c -> c.lines().isEmpty())
                                                .toList();
                                if (!fields.isEmpty()) {
                                    out.append("\n  | field | before | after |\n  |---|---|---|\n");
                                    fields.forEach(
                                            c ->
                                                    out.append("  | ")
                                                            .append(cell(c.field()))
                                                            .append(" | ")
                                                            .append(cell(c.before()))
                                                            .append(" | ")
                                                            .append(cell(c.after()))
                                                            .append(" |\n"));
                                    out.append('\n');
                                }
                                for (SemanticDiff.Change c : o.changes()) {
                                    if (!c.lines().isEmpty()) {
                                        out.append("\n  `")
                                                .append(c.field())
                                                .append("`\n\n  ```diff\n");
                                        c.lines()
                                                .forEach(
                                                        line ->
                                                                out.append("  ")
                                                                        .append(line)
                                                                        .append('\n'));
                                        out.append("  ```\n\n");
                                    }
                                }
                            }
                        });
        return out.toString();
    }

    private static String json(SemanticDiff.Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("base", report.base());
        Map<String, Object> plan = new TreeMap<>();
        report.byCluster()
                .forEach(
                        (cluster, objects) ->
                                plan.put(
                                        cluster,
                                        ordered(
                                                "add",
                                                count(objects, SemanticDiff.Status.ADDED),
                                                "change",
                                                count(objects, SemanticDiff.Status.CHANGED),
                                                "destroy",
                                                count(objects, SemanticDiff.Status.REMOVED))));
        root.put("plan", plan);
        List<Object> dangers = new ArrayList<>();
        report.dangers()
                .forEach(
                        d ->
                                dangers.add(
                                        ordered(
                                                "kind",
                                                d.kind().name().toLowerCase(Locale.ROOT),
                                                "cluster",
                                                d.cluster(),
                                                "object",
                                                d.object(),
                                                "reason",
                                                d.reason(),
                                                "action",
                                                d.action())));
        root.put("dangers", dangers);
        List<Object> versions = new ArrayList<>();
        report.versions()
                .forEach(
                        v ->
                                versions.add(
                                        ordered(
                                                "cluster",
                                                v.cluster(),
                                                "component",
                                                v.component(),
                                                "subject",
                                                v.subject(),
                                                "before",
                                                v.before(),
                                                "after",
                                                v.after())));
        root.put("versions", versions);
        List<Object> objects = new ArrayList<>();
        for (SemanticDiff.ObjectDiff o : report.objects()) {
            List<Object> changes = new ArrayList<>();
            o.changes()
                    .forEach(
                            c ->
                                    changes.add(
                                            c.lines().isEmpty()
                                                    ? ordered(
                                                            "field",
                                                            c.field(),
                                                            "before",
                                                            c.before(),
                                                            "after",
                                                            c.after())
                                                    : ordered(
                                                            "field", c.field(), "lines",
                                                            c.lines())));
            objects.add(
                    ordered(
                            "cluster",
                            o.cluster(),
                            "object",
                            o.object(),
                            "file",
                            o.file(),
                            "status",
                            o.status().name().toLowerCase(Locale.ROOT),
                            "changes",
                            changes));
        }
        root.put("objects", objects);
        return JsonMapper.builder()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .build()
                        .writeValueAsString(root)
                + "\n";
    }

    private static long count(List<SemanticDiff.ObjectDiff> objects, SemanticDiff.Status status) {
        return objects.stream().filter(o -> o.status() == status).count();
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
