package io.neotool.gitops;

import io.neotool.gitops.validate.TreeValidator;
import org.jspecify.annotations.Nullable;

/**
 * What {@code neotool:validate} found.
 *
 * @param schemaLocation the catalog the objects were checked against, or null when schemas were not
 *     checked
 */
public record ValidationResult(
        TreeValidator.Report report, @Nullable String schemaLocation, long millis) {

    public boolean ok() {
        return report.problems().isEmpty();
    }

    public String summary() {
        String schemas =
                schemaLocation == null
                        ? "schemas NOT checked (no neotool.schemaLocation given)"
                        : report.schemaChecked()
                                + " objects checked against the schemas in "
                                + schemaLocation;
        return String.format(
                java.util.Locale.ROOT,
                "neotool: validated %d objects in %d files of %d cluster(s) %s: %d problem(s); %s; %d ms",
                report.objects(),
                report.files(),
                report.clusters().size(),
                report.clusters(),
                report.problems().size(),
                schemas,
                millis);
    }
}
