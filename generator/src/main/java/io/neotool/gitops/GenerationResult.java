package io.neotool.gitops;

import io.neotool.gitops.output.WriteResult;
import java.util.List;

/** What a run did: the configs it generated and the files it wrote, left alone and removed. */
public record GenerationResult(List<String> configs, WriteResult files, long millis) {

    /** The one summary line the Maven goal prints. */
    public String summary() {
        return String.format(
                java.util.Locale.ROOT,
                "neotool: %d config(s) [%s]: %d written, %d unchanged, %d removed in %d ms",
                configs.size(),
                String.join(", ", configs),
                files.written().size(),
                files.unchanged().size(),
                files.removed().size(),
                millis);
    }
}
