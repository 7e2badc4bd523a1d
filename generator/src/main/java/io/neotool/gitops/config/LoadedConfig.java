package io.neotool.gitops.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A validated config with where it came from.
 *
 * @param source the config file as users name it, e.g. {@code config/production.yaml}
 * @param baseDir the folder of the config file, for files it names (the supergraph)
 */
public record LoadedConfig(
        String source, EnvironmentConfig config, SourceMap sourceMap, @Nullable Path baseDir) {}
