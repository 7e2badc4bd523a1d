package io.neotool.gitops.maven;

import io.neotool.gitops.GenerationRequest;
import io.neotool.gitops.GenerationResult;
import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.config.ConfigException;
import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.output.HandEditedException;
import io.neotool.gitops.validate.ValidationException;
import java.io.File;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates the Flux GitOps tree ({@code clusters/}, {@code infrastructure/}, {@code apps/}) from the
 * configs in {@code config/}. A thin adapter: it maps parameters to one request, makes one call,
 * logs the summary, and turns config problems into a build failure that names each location.
 */
@Mojo(name = "generate", aggregator = true, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    /** Generate only {@code <configDir>/<env>.yaml}; by default every config in the folder. */
    @Parameter(property = "neotool.env")
    private String env;

    /** Folder of the environment configs. */
    @Parameter(property = "neotool.configDir", defaultValue = "${project.basedir}/config")
    private File configDir;

    /** Repository root that receives {@code clusters/}, {@code infrastructure/} and {@code apps/}. */
    @Parameter(property = "neotool.outputDir", defaultValue = "${project.basedir}")
    private File outputDir;

    /** Schema catalog (folder or https URL) to check the generated objects against before writing. */
    @Parameter(property = "neotool.schemaLocation")
    private String schemaLocation;

    /** Overwrite generated files that were edited by hand (by default the goal refuses and names them). */
    @Parameter(property = "neotool.force", defaultValue = "false")
    private boolean force;

    /** Skip the goal. */
    @Parameter(property = "neotool.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("neotool: skipped (neotool.skip=true)");
            return;
        }
        String selected = env == null || env.isBlank() ? null : env.trim();
        try {
            GenerationResult result = new NeotoolGitops()
                    .generate(new GenerationRequest(configDir.toPath(), outputDir.toPath(), selected, schemaLocation, force));
            getLog().info(result.summary());
        } catch (ConfigException e) {
            throw configFailure(e);
        } catch (HandEditedException e) {
            throw new MojoFailureException("neotool: " + e.getMessage());
        } catch (ValidationException e) {
            throw ValidateMojo.treeFailure(e.problems(), "the generated tree has");
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("neotool: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("neotool: " + e.getMessage(), e.getCause());
        }
    }

    /** Every problem on its own line; nothing was written. */
    static MojoFailureException configFailure(ConfigException e) {
        StringBuilder message = new StringBuilder("neotool: the config has ")
                .append(e.problems().size()).append(e.problems().size() == 1 ? " problem" : " problems")
                .append("; nothing was written:");
        for (ConfigProblem problem : e.problems()) {
            message.append("\n  ").append(problem.format());
        }
        return new MojoFailureException(message.toString());
    }
}
