package io.neotool.gitops.output;

import java.util.List;
import java.util.Map;

/**
 * How the working tree differs from what the configs produce.
 *
 * @param changed path to the content on disk, for files whose content differs
 */
public record Drift(
        Map<String, String> changed,
        List<String> missing,
        List<String> stale,
        List<String> handEdited,
        boolean lockCurrent) {
    public boolean clean() {
        return changed.isEmpty() && missing.isEmpty() && stale.isEmpty() && lockCurrent;
    }
}
