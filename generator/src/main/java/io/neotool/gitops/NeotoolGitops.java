package io.neotool.gitops;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.config.load.ConfigException;
import io.neotool.gitops.config.load.ConfigLoader;
import io.neotool.gitops.diff.SemanticDiff;
import io.neotool.gitops.layout.ClusterReadme;
import io.neotool.gitops.output.Drift;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.output.OutputWriter;
import io.neotool.gitops.output.WriteResult;
import io.neotool.gitops.validate.TreeFiles;
import io.neotool.gitops.validate.TreeValidator;
import io.neotool.gitops.validate.ValidationException;
import io.neotool.gitops.wiring.Components;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The library's entry point: load every config (all problems of all files at once), generate, check
 * that the trees fit together, and only then write. A config problem means nothing is written.
 */
public final class NeotoolGitops {
    private final ConfigLoader loader = Components.loader();
    private final Generator generator = new Generator();

    /** Loads every config of the folder; throws one exception with the problems of all files. */
    public List<LoadedConfig> load(Path configDir) {
        return ConfigFolder.load(loader, configDir);
    }

    /** Every Vault secret the clusters of the folder's configs read ({@link Secrets}). */
    public List<Secrets.Reference> secrets(Path configDir) {
        return Secrets.all(load(configDir));
    }

    /** The whole tree of every config, in memory, as for fresh clusters. */
    public OutputTree render(List<LoadedConfig> configs) {
        return render(configs, null);
    }

    /**
     * The whole tree of every config, in memory, with the shims an upgrade of the tree under {@code
     * outputDir} needs ({@link FluxHistory}); none when {@code outputDir} is null.
     */
    public OutputTree render(List<LoadedConfig> configs, @Nullable Path outputDir) {
        OutputTree tree = new OutputTree();
        for (LoadedConfig config : configs) {
            OutputTree one =
                    generator.generate(
                            config, FluxHistory.of(outputDir, config.config().cluster().name()));
            try {
                tree.addAll(one);
            } catch (OutputTree.ConflictException e) {
                throw sharedBaseConflict(e, config);
            }
        }
        for (LoadedConfig config : configs) {
            generator
                    .clusterDocuments(config, tree)
                    .forEach(
                            (file, text) ->
                                    tree.add(
                                            "clusters/"
                                                    + config.config().cluster().name()
                                                    + "/"
                                                    + file,
                                            config.source(),
                                            text));
        }
        // the one file that compares every environment, so it belongs to all configs
        tree.add(ClusterReadme.VERSIONS_FILE, OutputTree.SHARED, generator.versionsReadme(configs));
        return tree;
    }

    /** Generates and writes; a config problem throws before anything is written. */
    public GenerationResult generate(GenerationRequest request) {
        long start = System.nanoTime();
        boolean whole =
                request.env() == null
                        && !request.force()
                        && !Boolean.getBoolean(io.neotool.gitops.layout.FluxShims.DROP);
        String stamp = whole ? UpToDate.stamp(request.configDir(), request.schemaLocation()) : null;
        List<String> unchanged =
                stamp == null ? null : UpToDate.unchanged(request.outputDir(), stamp);
        if (unchanged != null) {
            return new GenerationResult(
                    ConfigFolder.names(request.configDir()),
                    new WriteResult(List.of(), unchanged, List.of()),
                    (System.nanoTime() - start) / 1_000_000);
        }
        List<LoadedConfig> all = load(request.configDir());
        List<LoadedConfig> selected = all;
        if (request.env() != null) {
            selected =
                    all.stream()
                            .filter(c -> c.source().endsWith("/" + request.env() + ".yaml"))
                            .toList();
            if (selected.isEmpty()) {
                throw new ConfigException(
                        List.of(
                                new ConfigProblem(
                                        request.configDir() + "/" + request.env() + ".yaml",
                                        0,
                                        0,
                                        "",
                                        "no config for environment '" + request.env() + "'",
                                        "the environments here: "
                                                + all.stream()
                                                        .map(LoadedConfig::source)
                                                        .toList())));
            }
        }
        OutputTree everything = render(all, request.outputDir());
        // each file's text is decoded when the validator reads it, not all of them beside the bytes
        TreeValidator.Report report =
                TreeValidators.validator(all, request.schemaLocation())
                        .validate(
                                TreeFiles.lazy(
                                        everything.files().keySet(),
                                        path ->
                                                Objects.requireNonNull(everything.files().get(path))
                                                        .text()));
        if (!report.problems().isEmpty()) {
            throw new ValidationException(report.problems());
        }
        PostgresUpgradeGuard.check(selected, everything, request.outputDir());
        Set<String> owners = new LinkedHashSet<>();
        selected.forEach(c -> owners.add(c.source()));
        OutputTree tree = new OutputTree();
        everything.files().values().stream()
                .filter(f -> owners.contains(f.owner()) || f.owner().equals(OutputTree.SHARED))
                .forEach(tree::addRaw);
        WriteResult result;
        try {
            result =
                    new OutputWriter(request.outputDir())
                            .write(tree, owners, selected.size() == all.size(), request.force());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the output under " + request.outputDir(), e);
        }
        if (stamp != null) {
            // what the next run compares with: the lock just written is one of the inputs
            UpToDate.record(request.outputDir(), stamp);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new GenerationResult(new ArrayList<>(owners), result, millis);
    }

    /**
     * Regenerates in memory and compares with the working tree under {@code outputDir}: files that
     * differ (with a unified diff each), files missing, files stale (generated before, produced no
     * more), and which of the differing files were edited by hand.
     */
    public CheckResult check(Path configDir, Path outputDir) {
        OutputTree expected = render(load(configDir), outputDir);
        try {
            Drift drift = new OutputWriter(outputDir).drift(expected);
            Map<String, String> diffs = new TreeMap<>();
            drift.changed()
                    .forEach(
                            (path, disk) ->
                                    diffs.put(
                                            path,
                                            UnifiedDiff.of(
                                                    path,
                                                    disk,
                                                    java.util.Objects.requireNonNull(
                                                                    expected.get(path))
                                                            .text())));
            return new CheckResult(
                    diffs,
                    drift.missing(),
                    drift.stale(),
                    drift.handEdited(),
                    drift.lockCurrent(),
                    StrayFiles.in(expected, outputDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tree under " + outputDir, e);
        }
    }

    /**
     * Validates the tree on disk under {@code outputDir} (what Flux will apply, generated or not),
     * with the rules of the configs in {@code configDir}.
     */
    public ValidationResult validate(Path configDir, Path outputDir, String schemaLocation) {
        long start = System.nanoTime();
        List<LoadedConfig> configs = load(configDir);
        boolean schemas = schemaLocation != null && !schemaLocation.isBlank();
        TreeValidator.Report report =
                TreeValidators.validator(configs, schemaLocation)
                        .validate(TreeValidators.treeFiles(outputDir));
        return new ValidationResult(
                report, schemas ? schemaLocation : null, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * What the working configs change, object by object and as Flux applies them ({@link Review}):
     * against the git revision {@code base}, by default {@code HEAD}; outside a git repository,
     * against the tree on disk under {@code outputDir}.
     */
    public SemanticDiff.Report diff(Path configDir, Path outputDir, @Nullable String base) {
        return Review.of(render(load(configDir), outputDir), outputDir, base);
    }

    private static ConfigException sharedBaseConflict(
            OutputTree.ConflictException e, LoadedConfig config) {
        String[] parts = e.path().split("/", -1);
        String app =
                parts.length > 2 && parts[0].equals("apps") && parts[1].equals("base")
                        ? parts[2]
                        : null;
        if (app == null) {
            throw e;
        }
        List<AppConfig> apps = config.config().apps();
        int index = 0;
        for (int i = 0; i < apps.size(); i++) {
            if (apps.get(i).name().equals(app)) {
                index = i;
            }
        }
        return new ConfigException(
                List.of(
                        config.sourceMap()
                                .problem(
                                        "apps[" + index + "]",
                                        "app '"
                                                + app
                                                + "' differs from its definition in another config ("
                                                + e.getMessage()
                                                + ")",
                                        "type, image repository, port, probes, env and uses are shared by every environment; "
                                                + "only the image tag, replicas, resources and host may differ")));
    }
}
