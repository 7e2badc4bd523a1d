package io.neotool.gitops;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One run of the generator.
 *
 * @param configDir folder of the {@code <env>.yaml} configs
 * @param outputDir repository root that receives {@code clusters/}, {@code infrastructure/}, {@code
 *     apps/}
 * @param env only {@code <configDir>/<env>.yaml}, or null for every config in the folder
 * @param schemaLocation the schema catalog (folder or https URL), or null to skip schema checks
 * @param force overwrite generated files that were edited by hand instead of refusing
 */
public record GenerationRequest(
        Path configDir,
        Path outputDir,
        @Nullable String env,
        @Nullable String schemaLocation,
        boolean force) {

    public GenerationRequest(Path configDir, Path outputDir, @Nullable String env) {
        this(configDir, outputDir, env, null, false);
    }
}
