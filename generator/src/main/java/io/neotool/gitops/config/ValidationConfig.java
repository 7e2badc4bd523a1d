package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * Validation settings of a config.
 *
 * @param skipSchemaFor kinds ({@code group/version/Kind}, e.g. {@code example.com/v1/Widget}) that
 *     may have no schema in the catalog; any other kind without one is an error
 */
public record ValidationConfig(
        @JsonPropertyDescription(
                        "Kinds (group/version/Kind, e.g. example.com/v1/Widget) that neotool:validate does not check against a schema because none is known; each skip is printed.")
                List<String> skipSchemaFor) {
    public static final ValidationConfig DEFAULTS = new ValidationConfig(List.of());

    public ValidationConfig {
        skipSchemaFor = skipSchemaFor == null ? List.of() : List.copyOf(skipSchemaFor);
    }
}
