package io.neotool.gitops.diff;

import java.util.List;

/** One object that differs. */
public record ObjectDiff(
        String cluster,
        String object,
        String file,
        ObjectDiff.Status status,
        List<Change> changes) {
    /** Whether the object is new, gone or changed. */
    public enum Status {
        ADDED,
        REMOVED,
        CHANGED
    }
}
