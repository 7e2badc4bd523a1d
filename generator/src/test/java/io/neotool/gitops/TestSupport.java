package io.neotool.gitops;

import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.wiring.Components;
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

    /**
     * The tests' own configs: a frozen copy of the environments under {@code
     * src/test/resources/configs/fixture}, so that editing {@code config/*.yaml} never changes what
     * a test expects. Loaded under the names the committed configs have ({@code
     * config/<env>.yaml}).
     */
    public static Path configDir() {
        return repoRoot().resolve("generator/src/test/resources/configs/fixture");
    }

    /**
     * The users' configs, {@code config/} of the repository: only properties every valid config has
     * may be asserted on them ({@code CommittedConfigsTest}).
     */
    public static Path committedConfigDir() {
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

    /** Copies the fixture configs (and the supergraph they name) into {@code work}/config. */
    public static Path copyConfigs(Path work) {
        return copyConfigs(configDir(), work);
    }

    /** Copies every file of a config folder (sub-folders included) into {@code work}/config. */
    public static Path copyConfigs(Path from, Path work) {
        try {
            Path config = work.resolve("config");
            try (var walk = Files.walk(from)) {
                for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    Path to = config.resolve(from.relativize(p).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(p, to);
                }
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

    /**
     * A config text moved to three nodes as a user does it: {@code cluster.topology: ha}, a
     * PostgreSQL image CloudNativePG runs, and the two operators' sections.
     */
    public static String ha(String text) {
        assertContains(text, "\ncluster:\n");
        assertContains(text, "image: postgres:18rc1");
        assertContains(text, "\ninfrastructure:\n");
        return text.replace("\ncluster:\n", "\ncluster:\n  topology: ha\n")
                .replace(
                        "image: postgres:18rc1",
                        "image: ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie")
                .replace("\ninfrastructure:\n", "\ninfrastructure:\n" + OPERATORS);
    }

    /** The operators' sections {@link #ha} adds (the staging config's pins). */
    public static final String OPERATORS =
            """
              cloudnativePg:
                chartVersion: 0.29.0
                image: ghcr.io/cloudnative-pg/cloudnative-pg:1.30.0
                resources:
                  requests: { cpu: 100m, memory: 128Mi }
                  limits: { cpu: 500m, memory: 256Mi }
              strimzi:
                chartVersion: 0.44.0
                image: quay.io/strimzi/operator:0.44.0
                resources:
                  requests: { cpu: 200m, memory: 384Mi }
                  limits: { cpu: "1", memory: 384Mi }
            """;

    private static void assertContains(String text, String part) {
        if (!text.contains(part)) {
            throw new IllegalStateException("the fixture no longer contains " + part.strip());
        }
    }
}
