package io.neotool.gitops.diff;

import java.util.List;

/**
 * The review as markdown for a pull-request comment: the plan, dangers first, versions, then each
 * object's changes.
 */
final class MarkdownReport {
    private MarkdownReport() {}

    static String render(SemanticDiff.Report report) {
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
                                        .append(DiffFormat.plan(objects))
                                        .append('\n'));
        if (!report.flux().isEmpty()) {
            out.append(
                    "\n#### What Flux will do\n\nEach Flux Kustomization's path built before and after, objects as Flux applies and prunes them:\n\n```\n");
            FluxPlan.lines(report.flux()).forEach(l -> out.append(l).append('\n'));
            out.append("```\n");
        }
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
                                            .append(DiffFormat.cell(v.subject()))
                                            .append(" | ")
                                            .append(DiffFormat.cell(DiffFormat.version(v.before())))
                                            .append(" | ")
                                            .append(DiffFormat.cell(DiffFormat.version(v.after())))
                                            .append(" |\n"));
        }
        report.byCluster()
                .forEach(
                        (cluster, objects) -> {
                            out.append("\n#### ")
                                    .append(cluster)
                                    .append(" — ")
                                    .append(DiffFormat.plan(objects))
                                    .append("\n\n");
                            for (ObjectDiff o : objects) {
                                out.append("- **")
                                        .append(DiffFormat.status(o))
                                        .append("** ")
                                        .append(o.object())
                                        .append(" (`")
                                        .append(o.file())
                                        .append("`)\n");
                                List<Change> fields =
                                        o.changes().stream()
                                                .filter(c -> c.lines().isEmpty())
                                                .toList();
                                if (!fields.isEmpty()) {
                                    out.append("\n  | field | before | after |\n  |---|---|---|\n");
                                    fields.forEach(
                                            c ->
                                                    out.append("  | ")
                                                            .append(DiffFormat.cell(c.field()))
                                                            .append(" | ")
                                                            .append(DiffFormat.cell(c.before()))
                                                            .append(" | ")
                                                            .append(DiffFormat.cell(c.after()))
                                                            .append(" |\n"));
                                    out.append('\n');
                                }
                                for (Change c : o.changes()) {
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
}
