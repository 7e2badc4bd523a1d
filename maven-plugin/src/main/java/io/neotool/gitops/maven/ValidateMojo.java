package io.neotool.gitops.maven;

import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.ValidationResult;
import io.neotool.gitops.validate.ValidationProblem;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Validates the tree on disk ({@code clusters/}, {@code infrastructure/}, {@code apps/}, generated
 * or not): every object against the JSON Schema of its kind, the Flux graph of each cluster, and
 * the rules every object follows. Any problem fails the build, listing all of them. For example
 * {@code ./mvnw neotool:validate -Dneotool.schemaLocation=target/ci/catalog}.
 */
@Mojo(name = "validate", aggregator = true, threadSafe = true)
public class ValidateMojo extends AbstractNeotoolMojo {

    /**
     * The schema catalog: a folder, or an https URL (cached under ~/.cache/neotool-gitops), in the
     * layout of flux-schema: one file per group, kind and version, such as {@code
     * apps/deployment_v1.json} and {@code core/service_v1.json}. Without it the schema checks are
     * not run, and the goal says so.
     */
    @Parameter(property = "neotool.schemaLocation")
    private String schemaLocation;

    @Override
    protected void run() throws MojoFailureException {
        ValidationResult result =
                new NeotoolGitops()
                        .validate(configDir.toPath(), outputDir.toPath(), schemaLocation);
        if (result.schemaLocation() == null) {
            getLog().warn(
                            "neotool: schema checks were NOT run: give -Dneotool.schemaLocation=<catalog folder or https URL>");
        }
        getLog().info(result.summary());
        if (!result.ok()) {
            throw treeFailure(result.report().problems(), "the tree has");
        }
    }

    static MojoFailureException treeFailure(List<ValidationProblem> problems, String what) {
        StringBuilder message =
                new StringBuilder("neotool: ")
                        .append(what)
                        .append(' ')
                        .append(problems.size())
                        .append(problems.size() == 1 ? " problem" : " problems")
                        .append(':');
        for (ValidationProblem problem : problems) {
            message.append("\n  ").append(problem.format());
        }
        return new MojoFailureException(message.toString());
    }
}
