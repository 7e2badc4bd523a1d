package io.neotool.gitops;

import io.neotool.gitops.component.Components;
import io.neotool.gitops.config.LoadedConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths and loaders shared by the tests. */
public final class TestSupport {
    private TestSupport() {}

    /** The repository root (set by Surefire; the module's parent otherwise). */
    public static Path repoRoot() {
        String root = System.getProperty("neotool.repoRoot");
        Path path = root == null || root.isBlank() ? Path.of("..") : Path.of(root);
        return path.toAbsolutePath().normalize();
    }

    public static Path configDir() {
        return repoRoot().resolve("config");
    }

    public static LoadedConfig production() {
        return Components.loader()
                .load(configDir().resolve("production.yaml"), "config/production.yaml");
    }

    public static LoadedConfig dev() {
        return Components.loader().load(configDir().resolve("dev.yaml"), "config/dev.yaml");
    }

    /** Loads YAML text as if it were {@code config/test.yaml} next to the committed configs. */
    public static LoadedConfig parse(String yaml) {
        return Components.loader()
                .parse(yaml.getBytes(StandardCharsets.UTF_8), "config/test.yaml", configDir());
    }

    /** Copies the committed configs (and the supergraph they name) into {@code work}/config. */
    public static Path copyConfigs(Path work) {
        try {
            Path config = work.resolve("config");
            Files.createDirectories(config.resolve("supergraph"));
            for (String name :
                    new String[] {"production.yaml", "dev.yaml", "supergraph/neotool.graphql"}) {
                Files.copy(configDir().resolve(name), config.resolve(name));
            }
            return config;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String productionText() {
        try {
            return Files.readString(configDir().resolve("production.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
