package io.neotool.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/design.md, read from the sources: each package imports only the packages
 * below it, so there is no cycle, and no class grows past what one reader holds in mind.
 */
class ArchitectureTest {
    private static final String ROOT = "io.neotool.gitops";
    private static final Path MAIN = TestSupport.repoRoot().resolve("generator/src/main/java");
    private static final Pattern IMPORT =
            Pattern.compile("(?<![\\w.])(io\\.neotool\\.gitops(?:\\.[a-z]+)*)\\.[A-Z]");

    /** What each package may import; the root (the API the Maven goals call) may import all. */
    private static final Map<String, Set<String>> ALLOWED =
            Map.of(
                    "config", Set.of(),
                    "flux", Set.of(),
                    "render", Set.of(),
                    "monitoring", Set.of(),
                    "output", Set.of(),
                    "component", Set.of("config", "flux", "monitoring", "render"),
                    "layout",
                            Set.of("component", "config", "flux", "monitoring", "output", "render"),
                    "validate", Set.of("config", "output"),
                    "diff", Set.of("config"));

    /** Lines of the largest class the generator may have (google-java-format AOSP). */
    private static final int MAX_LINES = 250;

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String pkg(Path file) {
        String relative = MAIN.relativize(file.getParent()).toString().replace('/', '.');
        return relative.equals(ROOT) ? "" : relative.substring(ROOT.length() + 1);
    }

    private static Map<String, Set<String>> imports() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : sources()) {
            String from = pkg(file);
            Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
            // imports and fully qualified names alike; the package line names no class
            Matcher m =
                    IMPORT.matcher(Files.readString(file).replaceFirst("(?m)^package [^;]+;", ""));
            while (m.find()) {
                String target =
                        m.group(1).equals(ROOT) ? "" : m.group(1).substring(ROOT.length() + 1);
                if (!target.equals(from)) {
                    to.add(target);
                }
            }
        }
        return graph;
    }

    @Test
    void eachPackageImportsOnlyThePackagesBelowIt() throws IOException {
        Map<String, Set<String>> graph = imports();
        assertThat(graph.keySet()).containsAll(ALLOWED.keySet());
        graph.forEach(
                (from, to) -> {
                    if (!from.isEmpty()) {
                        assertThat(to)
                                .as("imports of package %s", from)
                                .isSubsetOf(ALLOWED.get(from));
                    }
                });
        graph.values()
                .forEach(
                        to ->
                                assertThat(to)
                                        .as("nothing imports the root package")
                                        .doesNotContain(""));
    }

    @Test
    void thePackageGraphHasNoCycle() throws IOException {
        Map<String, Set<String>> graph = imports();
        List<String> order = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            visit(start, graph, new ArrayList<>(), done, order);
        }
        assertThat(order).hasSize(graph.size());
    }

    private static void visit(
            String node,
            Map<String, Set<String>> graph,
            List<String> path,
            Set<String> done,
            List<String> order) {
        if (done.contains(node)) {
            return;
        }
        assertThat(path).as("import cycle through %s", path).doesNotContain(node);
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            visit(next, graph, path, done, order);
        }
        path.remove(path.size() - 1);
        done.add(node);
        order.add(node);
    }

    @Test
    void noClassOutgrowsOneReader() throws IOException {
        for (Path file : sources()) {
            assertThat(Files.readAllLines(file))
                    .as(MAIN.relativize(file).toString())
                    .hasSizeLessThanOrEqualTo(MAX_LINES);
        }
    }
}
