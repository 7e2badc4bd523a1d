package io.neotool.gitops;

import java.util.List;
import java.util.Map;

/**
 * What {@code neotool:check} found.
 *
 * @param diffs path to the unified diff from the working tree to the generated content
 * @param handEdited the differing files whose content the generator never wrote
 * @param lockCurrent whether {@code .neotool/generated.lock} matches the generated tree
 * @param stray files in a generated folder that the generator did not write and no generated
 *     kustomization lists: Flux never applies them, and they mislead a reader
 */
public record CheckResult(
        Map<String, String> diffs,
        List<String> missing,
        List<String> stale,
        List<String> handEdited,
        boolean lockCurrent,
        List<String> stray) {

    public boolean clean() {
        return diffs.isEmpty()
                && missing.isEmpty()
                && stale.isEmpty()
                && lockCurrent
                && stray.isEmpty();
    }

    /** The command that brings the working tree in line. */
    public String fix() {
        if (diffs.isEmpty() && missing.isEmpty() && stale.isEmpty() && lockCurrent) {
            return "move the stray files out of the generated folders (or delete them)";
        }
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
        stray.forEach(
                p ->
                        text.append(
                                        "  stray (in a generated folder, listed by no kustomization: Flux never applies it): ")
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
