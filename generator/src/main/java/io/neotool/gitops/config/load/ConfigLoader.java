package io.neotool.gitops.config.load;

import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.config.SettingsKey;
import io.neotool.gitops.config.SourceMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code config/<env>.yaml} strictly into an {@link EnvironmentConfig}: unknown keys,
 * duplicate keys, wrong types, coerced scalars, missing required keys, anchors and aliases all fail
 * with the file, line, column and key path; then {@link ConfigValidator} checks what types cannot.
 */
public final class ConfigLoader {
    /** A real config is a few KiB; anything past this is refused before parsing. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** Past this many problems, a report helps nobody: the rest are counted, not listed. */
    public static final int MAX_PROBLEMS = 50;

    private final List<SettingsKey<?>> settings;

    /** The names the infrastructure takes in the namespace: no app may take them. */
    private final Set<String> reservedNames;

    private final YAMLMapper mapper;

    /**
     * A loader for configs whose {@code infrastructure} holds these components' settings, in a
     * namespace where the infrastructure takes these names (both from the component registry).
     */
    public ConfigLoader(List<SettingsKey<?>> settings, Set<String> reservedNames) {
        this.settings = List.copyOf(settings);
        this.reservedNames = Set.copyOf(reservedNames);
        this.mapper = ConfigMapper.of(this.settings);
    }

    /** Loads and validates {@code file}, naming it {@code displayName} in every problem. */
    public LoadedConfig load(Path file, String displayName) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw fail(
                        new ConfigProblem(
                                displayName,
                                1,
                                1,
                                "",
                                "the file is larger than the limit of " + MAX_BYTES + " bytes",
                                "a config is a few KiB; spread many apps over files named in include"));
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + displayName, e);
        }
        return parse(bytes, displayName, file.toAbsolutePath().getParent());
    }

    /** Loads config text already in memory; {@code baseDir} resolves files the config names. */
    public LoadedConfig parse(byte[] bytes, String displayName, @Nullable Path baseDir) {
        List<ConfigProblem> problems = new ArrayList<>();
        // the tree is parsed beside the key locations (two parses of the same text, in parallel);
        // when reading refuses the file, the tree is not used
        java.util.concurrent.CompletableFuture<JsonNode> parsing =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () ->
                                bytes.length > MAX_BYTES
                                        ? mapper.nullNode()
                                        : mapper.readTree(
                                                new String(
                                                        bytes,
                                                        java.nio.charset.StandardCharsets.UTF_8)));
        ConfigPart main = ConfigPart.read(bytes, displayName);
        SourceMap map = main.map();
        JsonNode tree;
        try {
            tree = parsing.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof JacksonException jackson) {
                throw new ConfigException(List.of(describe(jackson, map)));
            }
            throw e;
        }
        boolean merged = tree.has("include");
        if (merged) {
            ConfigIncludes.Merged all = ConfigIncludes.merge(mapper, main, tree, baseDir, problems);
            tree = all.tree();
            map = all.map();
        }
        new KeyChecker(map, problems, settings).check(tree, EnvironmentConfig.class, "");
        EnvironmentConfig config = null;
        if (problems.isEmpty()) {
            // The structure is right; binding is the safety net for what the walk does not see.
            try {
                // bound from the tree already read, not from the text a third time
                config = mapper.treeToValue(tree, EnvironmentConfig.class);
                if (config == null) {
                    problems.add(
                            new ConfigProblem(
                                    displayName, 1, 1, "", "the file holds no settings", null));
                }
            } catch (JacksonException e) {
                problems.add(describe(e, map));
            }
        }
        if (config != null && problems.isEmpty()) {
            new ConfigValidator(map, baseDir, config, problems, reservedNames, settings).validate();
        } else if (!problems.isEmpty()) {
            valuesOfTheSoundParts(tree, map, baseDir, problems);
        }
        if (config == null || !problems.isEmpty()) {
            throw new ConfigException(sorted(problems));
        }
        return new LoadedConfig(displayName, config, map, baseDir);
    }

    /**
     * The value checks of every part whose structure is sound, added to the structural problems of
     * the others, so that one run lists every mistake it can ({@link ConfigRepair}).
     */
    private void valuesOfTheSoundParts(
            JsonNode tree, SourceMap map, @Nullable Path baseDir, List<ConfigProblem> problems) {
        JsonNode repaired = ConfigRepair.withoutMistakes(tree, problems);
        if (repaired == null) {
            return;
        }
        EnvironmentConfig config;
        try {
            config = mapper.treeToValue(repaired, EnvironmentConfig.class);
        } catch (JacksonException e) {
            return;
        }
        if (config == null) {
            return;
        }
        List<String> broken = problems.stream().map(p -> ConfigRepair.part(p.path())).toList();
        List<ConfigProblem> values = new ArrayList<>();
        try {
            new ConfigValidator(map, baseDir, config, values, reservedNames, settings).validate();
        } catch (RuntimeException e) {
            // a config with keys taken out may hold what no valid config does: the structural
            // problems, which are the reason, are reported alone
            return;
        }
        for (ConfigProblem value : values) {
            if (broken.stream().noneMatch(part -> ConfigRepair.within(value.path(), part))) {
                problems.add(value);
            }
        }
    }

    /** In file order, each location and message once, at most {@link #MAX_PROBLEMS} of them. */
    private static List<ConfigProblem> sorted(List<ConfigProblem> problems) {
        List<ConfigProblem> all =
                problems.stream()
                        .distinct()
                        .sorted(
                                Comparator.comparing(ConfigProblem::file)
                                        .thenComparingInt(ConfigProblem::line)
                                        .thenComparingInt(ConfigProblem::column)
                                        .thenComparing(ConfigProblem::path)
                                        .thenComparing(ConfigProblem::message))
                        .toList();
        if (all.size() <= MAX_PROBLEMS) {
            return all;
        }
        List<ConfigProblem> shown = new ArrayList<>(all.subList(0, MAX_PROBLEMS));
        ConfigProblem next = all.get(MAX_PROBLEMS);
        shown.add(
                new ConfigProblem(
                        next.file(),
                        next.line(),
                        next.column(),
                        "",
                        (all.size() - MAX_PROBLEMS) + " more problems not shown",
                        "fix these first; is this the right file?"));
        return shown;
    }

    static ConfigException fail(ConfigProblem problem) {
        return new ConfigException(List.of(problem));
    }

    /**
     * A Jackson error, located. Unknown keys, wrong types, missing keys and enum values are found
     * by {@link KeyChecker} before binding runs, so what reaches here is what that walk cannot see.
     */
    private static ConfigProblem describe(JacksonException e, SourceMap map) {
        String path = path(e);
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            return new ConfigProblem(
                    map.file(),
                    e.getLocation().getLineNr(),
                    e.getLocation().getColumnNr(),
                    path,
                    firstLine(e.getOriginalMessage()),
                    null);
        }
        return map.problem(path, firstLine(e.getOriginalMessage()), null);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** The key path of a Jackson error, in the config's own notation ({@code apps[2].port}). */
    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
