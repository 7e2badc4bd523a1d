package io.neotool.gitops;

import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.config.load.ConfigException;
import io.neotool.gitops.config.load.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The configs of a folder: every {@code <env>.yaml} directly in it, each loaded and checked, and no
 * two describing the same cluster.
 */
public final class ConfigFolder {
    private ConfigFolder() {}

    /** The configs of {@code configDir}: every {@code *.yaml} directly in it, sorted by name. */
    public static List<Path> files(Path configDir) {
        if (!Files.isDirectory(configDir)) {
            throw new ConfigException(
                    List.of(
                            new ConfigProblem(
                                    configDir.toString(),
                                    0,
                                    0,
                                    "",
                                    "no config folder here",
                                    "set -Dneotool.configDir to the folder holding <env>.yaml")));
        }
        try (Stream<Path> list = Files.list(configDir)) {
            List<Path> files =
                    list.filter(
                                    p ->
                                            p.getFileName().toString().endsWith(".yaml")
                                                    && Files.isRegularFile(p))
                            .sorted()
                            .toList();
            if (files.isEmpty()) {
                throw new ConfigException(
                        List.of(
                                new ConfigProblem(
                                        configDir.toString(),
                                        0,
                                        0,
                                        "",
                                        "no <env>.yaml config in this folder",
                                        "start from config/production.yaml of this repository")));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configs of the folder as the generator names them ({@code config/production.yaml}). */
    public static List<String> names(Path configDir) {
        String folder = configDir.toAbsolutePath().normalize().getFileName().toString();
        return files(configDir).stream().map(f -> folder + "/" + f.getFileName()).toList();
    }

    /** Loads every config of the folder; throws one exception with the problems of all files. */
    public static List<LoadedConfig> load(ConfigLoader loader, Path configDir) {
        List<LoadedConfig> loaded = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        String folder = configDir.toAbsolutePath().normalize().getFileName().toString();
        for (Path file : files(configDir)) {
            try {
                loaded.add(loader.load(file, folder + "/" + file.getFileName()));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        Map<String, LoadedConfig> clusters = new HashMap<>();
        for (LoadedConfig config : loaded) {
            LoadedConfig other = clusters.putIfAbsent(config.config().cluster().name(), config);
            if (other != null) {
                problems.add(
                        config.sourceMap()
                                .problem(
                                        "cluster.name",
                                        "cluster '"
                                                + config.config().cluster().name()
                                                + "' is also the cluster of "
                                                + other.source(),
                                        "each config describes its own cluster; their outputs must not share folders"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return loaded;
    }
}
