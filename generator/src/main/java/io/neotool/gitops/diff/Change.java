package io.neotool.gitops.diff;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One field: {@code before} or {@code after} is null when the field is new or gone; {@code lines}
 * is the unified line diff of a multi-line text (then both values are null).
 */
public record Change(
        String field, @Nullable String before, @Nullable String after, List<String> lines) {
    public Change(String field, @Nullable String before, @Nullable String after) {
        this(field, before, after, List.of());
    }
}
