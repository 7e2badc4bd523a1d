package io.neotool.gitops.maven;

import io.neotool.gitops.CheckResult;
import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.config.ConfigException;
import java.io.File;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Regenerates in memory and compares with the working tree: fails on any stale, missing or
 * hand-edited file, with a unified diff per file and the command that fixes it. Writes nothing.
 */
@Mojo(name = "check", aggregator = true, threadSafe = true)
public class CheckMojo extends AbstractMojo {

    @Parameter(property = "neotool.configDir", defaultValue = "${project.basedir}/config")
    private File configDir;

    @Parameter(property = "neotool.outputDir", defaultValue = "${project.basedir}")
    private File outputDir;

    @Parameter(property = "neotool.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("neotool: skipped (neotool.skip=true)");
            return;
        }
        CheckResult result;
        try {
            result = new NeotoolGitops().check(configDir.toPath(), outputDir.toPath());
        } catch (ConfigException e) {
            throw GenerateMojo.configFailure(e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("neotool: " + e.getMessage(), e.getCause());
        }
        if (!result.clean()) {
            throw new MojoFailureException("neotool: " + result.report());
        }
        getLog().info("neotool: " + result.report().trim());
    }
}
