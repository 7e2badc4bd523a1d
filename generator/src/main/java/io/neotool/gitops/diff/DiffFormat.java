package io.neotool.gitops.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** How a {@link SemanticDiff.Report} is shown: text for a terminal, markdown for a PR comment, json for bots. */
public enum DiffFormat {
    TEXT, MARKDOWN, JSON;

    private static final int MAX_VALUE = 120;

    public static DiffFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown diff format '" + name + "': one of text, markdown, json");
        }
    }

    public String render(SemanticDiff.Report report) {
        return switch (this) {
            case TEXT -> text(report);
            case MARKDOWN -> markdown(report);
            case JSON -> json(report);
        };
    }

    private static String counts(List<SemanticDiff.ObjectDiff> objects) {
        long added = objects.stream().filter(o -> o.status() == SemanticDiff.Status.ADDED).count();
        long removed = objects.stream().filter(o -> o.status() == SemanticDiff.Status.REMOVED).count();
        long changed = objects.stream().filter(o -> o.status() == SemanticDiff.Status.CHANGED).count();
        return added + " added, " + removed + " removed, " + changed + " changed";
    }

    private static String value(String value) {
        if (value == null) {
            return "(none)";
        }
        String single = value.replace("\n", "\\n");
        return single.length() > MAX_VALUE ? single.substring(0, MAX_VALUE) + "…" : single;
    }

    private static String text(SemanticDiff.Report report) {
        StringBuilder out = new StringBuilder("neotool diff against ").append(report.base()).append(": ");
        if (report.empty()) {
            return out.append("no change to any cluster\n").toString();
        }
        out.append(counts(report.objects())).append('\n');
        if (!report.versions().isEmpty()) {
            out.append("\nImage and chart versions:\n");
            report.versions().forEach(v -> out.append("  ").append(v.cluster()).append(": ").append(v.object()).append(' ')
                    .append(v.field()).append(v.subject().isEmpty() ? "" : " (" + v.subject() + ")").append(": ")
                    .append(v.before()).append(" -> ").append(v.after()).append('\n'));
        }
        report.byCluster().forEach((cluster, objects) -> {
            out.append("\n").append(cluster).append(" (").append(counts(objects)).append("):\n");
            for (SemanticDiff.ObjectDiff o : objects) {
                out.append("  ").append(o.status().name().toLowerCase(Locale.ROOT)).append(' ').append(o.object())
                        .append("  [").append(o.file()).append("]\n");
                o.changes().forEach(c -> out.append("      ").append(c.field()).append(": ").append(value(c.before()))
                        .append(" -> ").append(value(c.after())).append('\n'));
            }
        });
        return out.toString();
    }

    private static String cell(String text) {
        return "`" + value(text).replace("|", "\\|").replace("`", "'") + "`";
    }

    private static String markdown(SemanticDiff.Report report) {
        StringBuilder out = new StringBuilder("### neotool diff against `").append(report.base()).append("`\n\n");
        if (report.empty()) {
            return out.append("No change to any cluster.\n").toString();
        }
        out.append("**").append(counts(report.objects())).append("**\n");
        if (!report.versions().isEmpty()) {
            out.append("\n#### Image and chart versions\n\n| cluster | object | image / chart | before | after |\n|---|---|---|---|---|\n");
            report.versions().forEach(v -> out.append("| ").append(v.cluster()).append(" | ").append(v.object()).append(" | ")
                    .append(cell(v.subject().isEmpty() ? v.field() : v.subject())).append(" | ").append(cell(v.before())).append(" | ")
                    .append(cell(v.after())).append(" |\n"));
        }
        report.byCluster().forEach((cluster, objects) -> {
            out.append("\n#### ").append(cluster).append(" — ").append(counts(objects)).append("\n\n");
            for (SemanticDiff.ObjectDiff o : objects) {
                out.append("- **").append(o.status().name().toLowerCase(Locale.ROOT)).append("** ").append(o.object())
                        .append(" (`").append(o.file()).append("`)\n");
                if (!o.changes().isEmpty()) {
                    out.append("\n  | field | before | after |\n  |---|---|---|\n");
                    o.changes().forEach(c -> out.append("  | ").append(cell(c.field())).append(" | ").append(cell(c.before()))
                            .append(" | ").append(cell(c.after())).append(" |\n"));
                    out.append('\n');
                }
            }
        });
        return out.toString();
    }

    private static String json(SemanticDiff.Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("base", report.base());
        root.put("summary", counts(report.objects()));
        List<Object> versions = new ArrayList<>();
        report.versions().forEach(v -> versions.add(ordered("cluster", v.cluster(), "object", v.object(), "field", v.field(),
                "subject", v.subject(), "before", v.before(), "after", v.after())));
        root.put("versions", versions);
        List<Object> objects = new ArrayList<>();
        for (SemanticDiff.ObjectDiff o : report.objects()) {
            List<Object> changes = new ArrayList<>();
            o.changes().forEach(c -> changes.add(ordered("field", c.field(), "before", c.before(), "after", c.after())));
            objects.add(ordered("cluster", o.cluster(), "object", o.object(), "file", o.file(),
                    "status", o.status().name().toLowerCase(Locale.ROOT), "changes", changes));
        }
        root.put("objects", objects);
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(root) + "\n";
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
