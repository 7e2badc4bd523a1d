package io.neotool.gitops;

import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.output.OutputWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Files on disk in a folder the generator writes a kustomization for, that the generator did not
 * write and that kustomization does not list: dropped in by hand or left behind, Flux never applies
 * them, and a reader takes them for part of the cluster.
 */
final class StrayFiles {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private StrayFiles() {}

    static List<String> in(OutputTree expected, Path outputDir) {
        Set<String> generated = expected.files().keySet();
        Set<String> folders = new HashSet<>();
        generated.forEach(
                p -> folders.add(p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : ""));
        List<String> stray = new ArrayList<>();
        for (OutputTree.OutputFile file : expected.files().values()) {
            String path = file.path();
            if (!path.endsWith("/kustomization.yaml")) {
                continue;
            }
            String folder = path.substring(0, path.lastIndexOf('/'));
            Path dir = outputDir.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            Set<String> listed = new HashSet<>();
            JsonNode kustomization = YAML.readTree(file.text());
            kustomization.path("resources").forEach(r -> listed.add(r.asString()));
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.sorted().toList()) {
                    String name = entry.getFileName().toString();
                    String relative = folder + "/" + name;
                    boolean ours =
                            Files.isDirectory(entry)
                                    ? folders.stream()
                                            .anyMatch(
                                                    f ->
                                                            f.startsWith(relative + "/")
                                                                    || f.equals(relative))
                                    : generated.contains(relative);
                    if (!ours
                            && !listed.contains(name)
                            && !OutputWriter.isBootstrapOwned(relative + "/")
                            && !name.startsWith(".")) {
                        stray.add(relative + (Files.isDirectory(entry) ? "/" : ""));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        return stray;
    }
}
