package io.neotool.gitops.maven;

import io.neotool.gitops.CheckResult;
import io.neotool.gitops.NeotoolGitops;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Regenerates in memory and compares with the working tree: fails on any stale, missing or
 * hand-edited file, with a unified diff per file and the command that fixes it. Writes nothing. CI
 * runs {@code ./mvnw neotool:check} on the committed configs.
 */
@Mojo(name = "check", aggregator = true, threadSafe = true)
public class CheckMojo extends AbstractNeotoolMojo {

    @Override
    protected void run() throws MojoFailureException {
        CheckResult result = new NeotoolGitops().check(configDir.toPath(), outputDir.toPath());
        if (!result.clean()) {
            throw new MojoFailureException("neotool: " + result.report());
        }
        getLog().info("neotool: " + result.report().trim());
    }
}
