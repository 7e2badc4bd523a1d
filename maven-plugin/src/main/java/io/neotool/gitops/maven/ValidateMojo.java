package io.neotool.gitops.maven;

import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.ValidationResult;
import io.neotool.gitops.config.ConfigException;
import io.neotool.gitops.validate.ValidationProblem;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Validates the tree on disk ({@code clusters/}, {@code infrastructure/}, {@code apps/}, generated or
 * not): every object against the JSON Schema of its kind, the Flux graph of each cluster, and the
 * rules every object follows. Any problem fails the build, listing all of them.
 */
@Mojo(name = "validate", aggregator = true, threadSafe = true)
public class ValidateMojo extends AbstractMojo {

    /** Folder of the environment configs (for each cluster's domain, storage class and schema exceptions). */
    @Parameter(property = "neotool.configDir", defaultValue = "${project.basedir}/config")
    private File configDir;

    /** Repository root holding {@code clusters/}, {@code infrastructure/} and {@code apps/}. */
    @Parameter(property = "neotool.outputDir", defaultValue = "${project.basedir}")
    private File outputDir;

    /**
     * The schema catalog: a folder, or an https URL (cached under ~/.cache/neotool-gitops), in the
     * layout {@code {group}/{kind}_{version}.json}. Without it the schema checks are not run, and the
     * goal says so.
     */
    @Parameter(property = "neotool.schemaLocation")
    private String schemaLocation;

    /** Skip the goal. */
    @Parameter(property = "neotool.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("neotool: skipped (neotool.skip=true)");
            return;
        }
        ValidationResult result;
        try {
            result = new NeotoolGitops().validate(configDir.toPath(), outputDir.toPath(), schemaLocation);
        } catch (ConfigException e) {
            throw GenerateMojo.configFailure(e);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("neotool: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("neotool: " + e.getMessage(), e.getCause());
        }
        if (result.schemaLocation() == null) {
            getLog().warn("neotool: schema checks were NOT run: give -Dneotool.schemaLocation=<catalog folder or https URL>");
        }
        getLog().info(result.summary());
        if (!result.ok()) {
            throw treeFailure(result.report().problems(), "the tree has");
        }
    }

    static MojoFailureException treeFailure(List<ValidationProblem> problems, String what) {
        StringBuilder message = new StringBuilder("neotool: ").append(what).append(' ')
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append(':');
        for (ValidationProblem problem : problems) {
            message.append("\n  ").append(problem.format());
        }
        return new MojoFailureException(message.toString());
    }
}
