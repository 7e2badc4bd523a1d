package io.neotool.gitops.maven;

import io.neotool.gitops.GenerationRequest;
import io.neotool.gitops.GenerationResult;
import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.output.HandEditedException;
import io.neotool.gitops.validate.ValidationException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates the Flux GitOps tree ({@code clusters/}, {@code infrastructure/}, {@code apps/}) from
 * the configs in {@code config/}, for example {@code ./mvnw neotool:generate}, or {@code ./mvnw
 * neotool:generate -Dneotool.env=production} for one environment. Prints one summary line; a config
 * problem fails the build with the file, line, column and key path of each mistake, and nothing is
 * written.
 */
@Mojo(name = "generate", aggregator = true, threadSafe = true)
public class GenerateMojo extends AbstractNeotoolMojo {

    /**
     * Generate only this environment: {@code production} generates from {@code
     * config/production.yaml}. By default every config in the folder.
     */
    @Parameter(property = "neotool.env")
    private String env;

    /**
     * Schema catalog (a folder or an https URL) to check the generated objects against before
     * writing, for example {@code target/ci/catalog} as built by {@code .ci/schemas.sh}. By default
     * the generated objects are checked without schemas.
     */
    @Parameter(property = "neotool.schemaLocation")
    private String schemaLocation;

    /**
     * Overwrite generated files that were edited by hand (by default the goal refuses and names
     * them).
     */
    @Parameter(property = "neotool.force", defaultValue = "false")
    private boolean force;

    @Override
    protected void run() throws MojoFailureException {
        String selected = env == null || env.isBlank() ? null : env.trim();
        try {
            GenerationResult result =
                    new NeotoolGitops()
                            .generate(
                                    new GenerationRequest(
                                            configDir.toPath(),
                                            outputDir.toPath(),
                                            selected,
                                            schemaLocation,
                                            force));
            getLog().info(result.summary());
        } catch (HandEditedException e) {
            throw new MojoFailureException("neotool: " + e.getMessage());
        } catch (ValidationException e) {
            throw ValidateMojo.treeFailure(e.problems(), "the generated tree has");
        }
    }
}
