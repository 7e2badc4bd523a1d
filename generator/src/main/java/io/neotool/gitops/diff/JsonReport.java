package io.neotool.gitops.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The review as JSON for bots: the same facts as the text, in a stable order. */
final class JsonReport {
    private JsonReport() {}

    static String render(SemanticDiff.Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("base", report.base());
        Map<String, Object> plan = new TreeMap<>();
        report.byCluster()
                .forEach(
                        (cluster, objects) ->
                                plan.put(
                                        cluster,
                                        DiffFormat.ordered(
                                                "add",
                                                DiffFormat.count(objects, ObjectDiff.Status.ADDED),
                                                "change",
                                                DiffFormat.count(
                                                        objects, ObjectDiff.Status.CHANGED),
                                                "destroy",
                                                DiffFormat.count(
                                                        objects, ObjectDiff.Status.REMOVED))));
        root.put("plan", plan);
        List<Object> dangers = new ArrayList<>();
        report.dangers()
                .forEach(
                        d ->
                                dangers.add(
                                        DiffFormat.ordered(
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
        List<Object> flux = new ArrayList<>();
        report.flux()
                .forEach(
                        f ->
                                flux.add(
                                        new TreeMap<>(
                                                Map.of(
                                                        "cluster", f.cluster(),
                                                        "kustomization", f.kustomization(),
                                                        "object", f.object(),
                                                        "action",
                                                                f.status()
                                                                                == ObjectDiff.Status
                                                                                        .ADDED
                                                                        ? "create"
                                                                        : f.status()
                                                                                        == ObjectDiff
                                                                                                .Status
                                                                                                .CHANGED
                                                                                ? "update"
                                                                                : "delete",
                                                        "kustomizationDeleted",
                                                                f.kustomizationDeleted()))));
        root.put("flux", flux);
        List<Object> versions = new ArrayList<>();
        report.versions()
                .forEach(
                        v ->
                                versions.add(
                                        DiffFormat.ordered(
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
        for (ObjectDiff o : report.objects()) {
            List<Object> changes = new ArrayList<>();
            o.changes()
                    .forEach(
                            c ->
                                    changes.add(
                                            c.lines().isEmpty()
                                                    ? DiffFormat.ordered(
                                                            "field",
                                                            c.field(),
                                                            "before",
                                                            c.before(),
                                                            "after",
                                                            c.after())
                                                    : DiffFormat.ordered(
                                                            "field", c.field(), "lines",
                                                            c.lines())));
            objects.add(
                    DiffFormat.ordered(
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
}
