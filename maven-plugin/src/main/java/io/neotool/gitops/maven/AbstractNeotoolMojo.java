package io.neotool.gitops.maven;

import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.load.ConfigException;
import java.io.File;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: where the configs and the tree are, the skip switch, and turning the
 * library's exceptions into Maven failures (user mistakes) or errors (I/O and bugs).
 */
abstract class AbstractNeotoolMojo extends AbstractMojo {

    /**
     * Folder of the environment configs: one YAML file per environment, such as {@code
     * production.yaml}.
     */
    @Parameter(property = "neotool.configDir", defaultValue = "${project.basedir}/config")
    protected File configDir;

    /**
     * The repository root that holds (or will hold) {@code clusters/}, {@code infrastructure/} and
     * {@code apps/}.
     */
    @Parameter(property = "neotool.outputDir", defaultValue = "${project.basedir}")
    protected File outputDir;

    /** Skip the goal. */
    @Parameter(property = "neotool.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("neotool: skipped (neotool.skip=true)");
            return;
        }
        try {
            run();
        } catch (ConfigException e) {
            throw configFailure(e);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("neotool: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("neotool: " + e.getMessage(), e.getCause());
        }
    }

    /** The goal itself: one call into the library. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** Every problem on its own line; nothing was written. */
    static MojoFailureException configFailure(ConfigException e) {
        StringBuilder message =
                new StringBuilder("neotool: the config has ")
                        .append(e.problems().size())
                        .append(e.problems().size() == 1 ? " problem" : " problems")
                        .append("; nothing was written:");
        for (ConfigProblem problem : e.problems()) {
            message.append("\n  ").append(problem.format());
        }
        return new MojoFailureException(message.toString());
    }
}
