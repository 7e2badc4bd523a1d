package io.neotool.gitops;

import io.neotool.gitops.diff.GitTree;
import io.neotool.gitops.diff.SemanticDiff;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.output.OutputWriter;
import io.neotool.gitops.validate.FluxBuilds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The review of a change: the committed tree at a git revision (by default {@code HEAD}, so that
 * the answer right after {@code neotool:generate} is still "what does my edit do") against the tree
 * the working configs generate, file by file and, with every Flux Kustomization's path built on
 * both sides, object by object as Flux will apply and prune them.
 */
final class Review {
    private Review() {}

    static SemanticDiff.Report of(OutputTree tree, Path outputDir, @Nullable String base) {
        SortedMap<String, String> after = new TreeMap<>();
        tree.files().forEach((path, file) -> after.put(path, file.text()));
        String revision =
                base != null && !base.isBlank()
                        ? base
                        : GitTree.isRepositoryWithCommit(outputDir, "HEAD") ? "HEAD" : null;
        SortedMap<String, String> before;
        if (revision == null) {
            before = TreeValidators.readTree(outputDir);
        } else {
            try {
                before = GitTree.read(outputDir, revision, OutputWriter.OUTPUT_FOLDERS);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + revision + " with git", e);
            }
        }
        before.keySet().removeIf(OutputWriter::isBootstrapOwned);
        return SemanticDiff.compare(
                revision == null ? "the working tree" : revision,
                before,
                after,
                new SemanticDiff.Builds(FluxBuilds.of(before)),
                new SemanticDiff.Builds(FluxBuilds.of(after)));
    }
}
