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

    /**
     * What each package may import; the root (the API the Maven goals call) may import all. {@code
     * components} stands for every {@code components.<name>} package: a component may use another
     * (PgBouncer reads PostgreSQL's Service), never in a cycle, and never the registry's wiring.
     */
    private static final Map<String, Set<String>> ALLOWED =
            Map.ofEntries(
                    Map.entry("config", Set.<String>of()),
                    Map.entry("config.load", Set.of("config")),
                    Map.entry("flux", Set.<String>of()),
                    Map.entry("render", Set.<String>of()),
                    Map.entry("monitoring", Set.<String>of()),
                    Map.entry("output", Set.<String>of()),
                    Map.entry("platform", Set.of("config", "flux", "monitoring", "render")),
                    Map.entry(
                            "components",
                            Set.of(
                                    "components",
                                    "platform",
                                    "config",
                                    "flux",
                                    "monitoring",
                                    "render")),
                    Map.entry(
                            "wiring",
                            Set.of(
                                    "components",
                                    "platform",
                                    "config",
                                    "config.load",
                                    "flux",
                                    "monitoring",
                                    "render")),
                    Map.entry(
                            "layout",
                            Set.of(
                                    "components",
                                    "platform",
                                    "wiring",
                                    "config",
                                    "flux",
                                    "monitoring",
                                    "output",
                                    "render")),
                    Map.entry("validate", Set.of("config", "output")),
                    Map.entry("diff", Set.of("config")));

    /** Files one package may hold before it is a flat folder again. */
    private static final int MAX_FILES = 25;

    /**
     * The most files that may reach each other through references (a strongly connected set): a
     * component and its Jobs and metrics may, a third of the generator may not.
     */
    private static final int MAX_CYCLE = 5;

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

    /** The rule a package falls under: its own, or {@code components} for each component's. */
    private static String rule(String pkg) {
        return pkg.startsWith("components.") ? "components" : pkg;
    }

    @Test
    void eachPackageImportsOnlyThePackagesBelowIt() throws IOException {
        Map<String, Set<String>> graph = imports();
        graph.keySet().stream()
                .filter(p -> !p.isEmpty())
                .forEach(p -> assertThat(ALLOWED).as("package %s", p).containsKey(rule(p)));
        graph.forEach(
                (from, to) -> {
                    if (!from.isEmpty()) {
                        Set<String> rules = new TreeSet<>();
                        to.forEach(t -> rules.add(rule(t)));
                        assertThat(rules)
                                .as("imports of package %s", from)
                                .isSubsetOf(ALLOWED.get(rule(from)));
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

    @Test
    void noPackageIsAFlatFolderAgain() throws IOException {
        Map<String, Integer> files = new TreeMap<>();
        sources().forEach(f -> files.merge(pkg(f), 1, Integer::sum));
        files.forEach(
                (pkg, n) ->
                        assertThat(n)
                                .as("files in package %s", pkg)
                                .isLessThanOrEqualTo(MAX_FILES));
    }

    @Test
    void thePlatformKnowsNoComponent() throws IOException {
        assertThat(imports().get("platform"))
                .noneMatch(p -> p.startsWith("components") || p.equals("wiring"));
    }

    /**
     * What a unit needs of the others comes through its Context: only the wiring, the layout and
     * the top level loop over the registry.
     */
    @Test
    void onlyTheWiringTheLayoutAndTheTopLevelCallTheRegistry() throws IOException {
        Pattern registry = Pattern.compile("(?<![\\w.])Components\\.[a-z]\\w*\\(");
        for (Path file : sources()) {
            String pkg = pkg(file);
            if (!pkg.isEmpty() && !pkg.equals("wiring") && !pkg.equals("layout")) {
                assertThat(registry.matcher(code(file)).find())
                        .as("%s calls the registry", MAIN.relativize(file))
                        .isFalse();
            }
        }
    }

    /**
     * No set of files reaches each other through references larger than {@link #MAX_CYCLE}: each
     * reference counts, by import or, within a package, by the class's simple name.
     */
    @Test
    void noFileCycleLargerThanAHandful() throws IOException {
        Map<String, Set<String>> graph = FileGraph.of(MAIN, sources());
        for (Set<String> cycle : FileGraph.cycles(graph)) {
            assertThat(cycle).as("files that reach each other").hasSizeLessThanOrEqualTo(MAX_CYCLE);
        }
    }

    /** The code of a file: no comments, no package line. */
    private static String code(Path file) throws IOException {
        return FileGraph.code(Files.readString(file));
    }
}
