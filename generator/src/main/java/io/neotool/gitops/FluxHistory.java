package io.neotool.gitops;

import io.neotool.gitops.layout.FluxShims;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Flux Kustomizations of a cluster's tree on disk, the one the cluster runs: what an upgrade
 * that renames them must keep as shims ({@link FluxShims}). Nothing on disk, nothing kept: a fresh
 * cluster's tree has no shim.
 */
final class FluxHistory {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private FluxHistory() {}

    /** The shims of {@code cluster} under {@code outputDir}; none without a tree. */
    static FluxShims of(@Nullable Path outputDir, String cluster) {
        if (outputDir == null) {
            return FluxShims.NONE;
        }
        Path folder = outputDir.resolve("clusters").resolve(cluster);
        if (!Files.isDirectory(folder)) {
            return FluxShims.NONE;
        }
        Map<String, FluxShims.Previous> previous = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode doc;
                try {
                    doc = YAML.readTree(file.toFile());
                } catch (JacksonException e) {
                    continue; // not ours to judge here: the validator reports a broken file
                }
                if (doc == null
                        || !doc.path("kind").asString("").equals("Kustomization")
                        || !doc.path("apiVersion")
                                .asString("")
                                .startsWith("kustomize.toolkit.fluxcd.io/")) {
                    continue;
                }
                boolean shim = doc.at("/metadata/annotations").has(FluxShims.ANNOTATION);
                boolean prune = doc.at("/spec/prune").asBoolean(false);
                String path = doc.at("/spec/path").asString("");
                previous.put(
                        doc.at("/metadata/name").asString(""),
                        new FluxShims.Previous(
                                shim, prune, prune && !shim ? applied(outputDir, path) : Set.of()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
        return new FluxShims(previous, Boolean.getBoolean(FluxShims.DROP));
    }

    /**
     * The files of the tree a Flux path applies, relative to {@code root}: its kustomization's
     * resources, folders followed. What cannot be read is left out (the validator reports it).
     */
    private static Set<String> applied(Path root, String path) {
        Set<String> files = new TreeSet<>();
        Deque<Path> folders = new ArrayDeque<>();
        folders.push(root.resolve(path).normalize());
        Set<Path> seen = new java.util.HashSet<>();
        while (!folders.isEmpty()) {
            Path folder = folders.pop();
            Path kustomization = folder.resolve("kustomization.yaml");
            if (!seen.add(folder)
                    || !folder.startsWith(root)
                    || !Files.isRegularFile(kustomization)) {
                continue;
            }
            JsonNode doc;
            try {
                doc = YAML.readTree(kustomization.toFile());
            } catch (JacksonException e) {
                continue;
            }
            for (JsonNode resource :
                    doc == null
                            ? List.<JsonNode>of()
                            : doc.path("resources").valueStream().toList()) {
                Path target = folder.resolve(resource.asString("")).normalize();
                if (Files.isDirectory(target)) {
                    folders.push(target);
                } else if (target.startsWith(root)) {
                    files.add(root.relativize(target).toString().replace('\\', '/'));
                }
            }
        }
        return files;
    }
}
