package io.neotool.gitops;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** Unified diffs (java-diff-utils), as {@code git diff} shows them. */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    /** The diff that turns {@code before} (on disk) into {@code after} (generated). */
    static String of(String path, String before, String after) {
        List<String> original = before.lines().toList();
        List<String> revised = after.lines().toList();
        Patch<String> patch = DiffUtils.diff(original, revised);
        List<String> lines =
                UnifiedDiffUtils.generateUnifiedDiff(
                        "a/" + path, "b/" + path, original, patch, CONTEXT);
        return String.join("\n", lines) + "\n";
    }
}
