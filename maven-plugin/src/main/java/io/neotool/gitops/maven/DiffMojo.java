package io.neotool.gitops.maven;

import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.diff.DiffFormat;
import io.neotool.gitops.diff.SemanticDiff;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the configs would change in the clusters, object by object: against the committed tree in
 * the working copy (default) or a git revision. Image and chart version changes come first; values
 * that look like secrets are masked. Markdown is ready to paste as a pull-request comment.
 */
@Mojo(name = "diff", aggregator = true, threadSafe = true)
public class DiffMojo extends AbstractNeotoolMojo {

    /** A git revision to compare with (for example {@code origin/main}); by default the working tree. */
    @Parameter(property = "neotool.diff.base")
    private String base;

    /** {@code text}, {@code markdown} or {@code json}. */
    @Parameter(property = "neotool.diff.format", defaultValue = "text")
    private String format;

    /** Write the summary to this file instead of the build log. */
    @Parameter(property = "neotool.diff.output")
    private File output;

    @Override
    protected void run() throws MojoExecutionException {
        DiffFormat diffFormat = DiffFormat.parse(format);
        SemanticDiff.Report report = new NeotoolGitops().diff(configDir.toPath(), outputDir.toPath(), base);
        String text = diffFormat.render(report);
        if (output != null) {
            try {
                if (output.getParentFile() != null) {
                    Files.createDirectories(output.getParentFile().toPath());
                }
                Files.writeString(output.toPath(), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MojoExecutionException("neotool: cannot write " + output, e);
            }
            getLog().info("neotool: diff summary written to " + output);
        } else {
            text.lines().forEach(getLog()::info);
        }
    }
}
