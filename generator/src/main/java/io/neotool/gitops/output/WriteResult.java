package io.neotool.gitops.output;

import java.util.List;

/** What a write changed on disk. */
public record WriteResult(List<String> written, List<String> unchanged, List<String> removed) {
    public WriteResult {
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
        removed = List.copyOf(removed);
    }
}
