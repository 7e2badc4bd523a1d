package io.neotool.gitops;

import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.config.Source;
import io.neotool.gitops.output.OutputWriter;
import io.neotool.gitops.validate.ClusterRules;
import io.neotool.gitops.validate.SchemaCatalog;
import io.neotool.gitops.validate.TreeFiles;
import io.neotool.gitops.validate.TreeValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The tree validator of a set of configs (each cluster's rules, the schema catalog asked for,
 * problems located back in the configs) and the tree on disk it reads.
 */
public final class TreeValidators {
    private TreeValidators() {}

    /** Per cluster, what its config says the objects must respect. */
    public static Map<String, ClusterRules> rules(List<LoadedConfig> configs) {
        Map<String, ClusterRules> rules = new TreeMap<>();
        for (LoadedConfig loaded : configs) {
            var c = loaded.config();
            rules.put(
                    c.cluster().name(),
                    new ClusterRules(
                            c.cluster().name(),
                            c.cluster().domain(),
                            c.cluster().storageClass(),
                            Set.copyOf(c.validation().skipSchemaFor())));
        }
        return rules;
    }

    static TreeValidator validator(List<LoadedConfig> configs, @Nullable String schemaLocation) {
        SchemaCatalog catalog =
                schemaLocation == null || schemaLocation.isBlank()
                        ? null
                        : SchemaCatalog.at(
                                schemaLocation,
                                Path.of(
                                        System.getProperty("user.home"),
                                        ".cache",
                                        "neotool-gitops",
                                        "schemas"));
        return new TreeValidator(catalog, rules(configs), source -> locate(configs, source));
    }

    /**
     * Where a {@value TreeValidator#SOURCE_ANNOTATION} value stands in its config: {@code
     * config/production.yaml:171:5}; "" when unknown.
     */
    static String locate(List<LoadedConfig> configs, String annotation) {
        Source source = Source.parse(annotation);
        return source == null ? "" : source.locate(configs);
    }

    /**
     * The YAML files under the output folders of {@code outputDir}, each read from disk when the
     * validator asks for it.
     */
    static TreeFiles treeFiles(Path outputDir) {
        List<String> yaml = new java.util.ArrayList<>();
        try {
            for (String relative : OutputWriter.listFiles(outputDir)) {
                if (relative.endsWith(".yaml") || relative.endsWith(".yml")) {
                    yaml.add(relative);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tree under " + outputDir, e);
        }
        return TreeFiles.lazy(
                yaml,
                relative -> {
                    try {
                        return Files.readString(outputDir.resolve(relative));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + relative, e);
                    }
                });
    }

    /**
     * Every YAML file and script under the output folders of {@code outputDir}: relative path to
     * text (what {@code GitTree.read} gives of a revision).
     */
    static SortedMap<String, String> readTree(Path outputDir) {
        SortedMap<String, String> texts = new TreeMap<>();
        try {
            for (String relative : OutputWriter.listFiles(outputDir)) {
                if (relative.endsWith(".yaml")
                        || relative.endsWith(".yml")
                        || relative.endsWith(".sh")) {
                    texts.put(relative, Files.readString(outputDir.resolve(relative)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tree under " + outputDir, e);
        }
        return texts;
    }
}
