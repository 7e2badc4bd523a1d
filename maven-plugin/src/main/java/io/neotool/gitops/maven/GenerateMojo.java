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
 * Generates the Flux GitOps tree ({@code clusters/}, {@code infrastructure/}, {@code apps/}) from the
 * configs in {@code config/}. A thin adapter: it maps parameters to one request, makes one call,
 * logs the summary, and turns config problems into a build failure that names each location.
 */
@Mojo(name = "generate", aggregator = true, threadSafe = true)
public class GenerateMojo extends AbstractNeotoolMojo {

    /** Generate only {@code <configDir>/<env>.yaml}; by default every config in the folder. */
    @Parameter(property = "neotool.env")
    private String env;

    /** Schema catalog (folder or https URL) to check the generated objects against before writing. */
    @Parameter(property = "neotool.schemaLocation")
    private String schemaLocation;

    /** Overwrite generated files that were edited by hand (by default the goal refuses and names them). */
    @Parameter(property = "neotool.force", defaultValue = "false")
    private boolean force;

    @Override
    protected void run() throws MojoFailureException {
        String selected = env == null || env.isBlank() ? null : env.trim();
        try {
            GenerationResult result = new NeotoolGitops()
                    .generate(new GenerationRequest(configDir.toPath(), outputDir.toPath(), selected, schemaLocation, force));
            getLog().info(result.summary());
        } catch (HandEditedException e) {
            throw new MojoFailureException("neotool: " + e.getMessage());
        } catch (ValidationException e) {
            throw ValidateMojo.treeFailure(e.problems(), "the generated tree has");
        }
    }
}
