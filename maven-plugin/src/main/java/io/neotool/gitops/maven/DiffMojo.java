package io.neotool.gitops.maven;

import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.diff.DiffFormat;
import io.neotool.gitops.diff.SemanticDiff;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the configs would change in the clusters, object by object, against the committed tree at
 * {@code HEAD} (default) or another git revision: per cluster the objects to add, change and
 * destroy, the dangerous changes first (data loss, changes the API server rejects, security
 * loosened), image and chart versions by component, then each object's fields, list entries matched
 * by identity and text as line diffs; secrets masked. The text report goes to standard output (it
 * is the goal's result, shown even with {@code -q}); markdown and json go to a file, ready for a
 * pull request. For example {@code ./mvnw -q neotool:diff -Dneotool.diff.base=origin/main
 * -Dneotool.diff.format=markdown}.
 */
@Mojo(name = "diff", aggregator = true, threadSafe = true)
public class DiffMojo extends AbstractNeotoolMojo {

    /**
     * A git revision to compare with (for example {@code origin/main}); by default {@code HEAD},
     * the committed tree, so that after {@code neotool:generate} the report still shows what the
     * edit does (outside a git repository: the tree on disk).
     */
    @Parameter(property = "neotool.diff.base")
    private String base;

    /** {@code text}, {@code markdown} or {@code json}. */
    @Parameter(property = "neotool.diff.format", defaultValue = "text")
    private String format;

    /**
     * Where markdown and json reports go (default {@code target/neotool-diff.md} or {@code .json});
     * a text report goes there too when this is set.
     */
    @Parameter(property = "neotool.diff.output")
    private File output;

    /** Fail the build when the change holds a danger (for CI). */
    @Parameter(property = "neotool.diff.failOnDanger", defaultValue = "false")
    private boolean failOnDanger;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    private File buildDirectory;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        DiffFormat diffFormat = DiffFormat.parse(format);
        SemanticDiff.Report report =
                new NeotoolGitops().diff(configDir.toPath(), outputDir.toPath(), base);
        PrintStream stdout = System.out;
        File target = output;
        if (target == null && diffFormat != DiffFormat.TEXT) {
            target = new File(buildDirectory, "neotool-diff." + diffFormat.extension());
        }
        if (target != null) {
            try {
                if (target.getParentFile() != null) {
                    Files.createDirectories(target.getParentFile().toPath());
                }
                Files.writeString(
                        target.toPath(), diffFormat.render(report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MojoExecutionException("neotool: cannot write " + target, e);
            }
        }
        stdout.print(DiffFormat.TEXT.render(report));
        if (target != null) {
            stdout.println(
                    "neotool: "
                            + diffFormat.name().toLowerCase(java.util.Locale.ROOT)
                            + " report written to "
                            + target);
        }
        stdout.flush();
        if (failOnDanger && !report.dangers().isEmpty()) {
            throw new MojoFailureException(
                    "neotool: the change holds "
                            + report.dangers().size()
                            + " danger(s), listed above; review them, then run without -Dneotool.diff.failOnDanger");
        }
    }
}
