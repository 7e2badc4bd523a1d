package io.neotool.gitops;

import java.util.List;
import java.util.Map;

/**
 * What {@code neotool:check} found.
 *
 * @param diffs path to the unified diff from the working tree to the generated content
 * @param handEdited the differing files whose content the generator never wrote
 * @param lockCurrent whether {@code .neotool/generated.lock} matches the generated tree
 */
public record CheckResult(
        Map<String, String> diffs,
        List<String> missing,
        List<String> stale,
        List<String> handEdited,
        boolean lockCurrent) {

    public boolean clean() {
        return diffs.isEmpty() && missing.isEmpty() && stale.isEmpty() && lockCurrent;
    }

    /** The command that brings the working tree in line. */
    public String fix() {
        return handEdited.isEmpty()
                ? "./mvnw neotool:generate"
                : "./mvnw neotool:generate -Dneotool.force=true   (after moving the hand edits into the config)";
    }

    /** Everything a reviewer needs, in the order they need it. */
    public String report() {
        StringBuilder text = new StringBuilder();
        if (clean()) {
            return "the working tree matches the configs\n";
        }
        text.append("the working tree does not match the configs:\n");
        diffs.keySet()
                .forEach(
                        p ->
                                text.append("  changed")
                                        .append(handEdited.contains(p) ? " (edited by hand)" : "")
                                        .append(": ")
                                        .append(p)
                                        .append('\n'));
        missing.forEach(p -> text.append("  missing: ").append(p).append('\n'));
        stale.forEach(
                p ->
                        text.append("  stale (no config produces it any more): ")
                                .append(p)
                                .append('\n'));
        if (!lockCurrent) {
            text.append("  .neotool/generated.lock is out of date\n");
        }
        diffs.values().forEach(text::append);
        text.append("fix: ").append(fix()).append('\n');
        return text.toString();
    }
}
