package io.neotool.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.output.OutputWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random points of real generator runs (a child JVM switching between two configs): no
 * file is ever partial or foreign, a hand-written file is never touched, and the next run completes
 * the job.
 */
@Tag("slow")
class InterruptionTest {
    static final int KILLS = 20;
    @TempDir Path work;

    private Path configs(String name, String from, String to) throws IOException {
        Path dir = work.resolve(name).resolve("config");
        Files.createDirectories(dir.resolve("supergraph"));
        Files.copy(
                TestSupport.configDir().resolve("supergraph/neotool.graphql"),
                dir.resolve("supergraph/neotool.graphql"));
        String production = TestSupport.productionText();
        for (String pair : new String[] {from}) {
            assertThat(production).contains(pair);
        }
        Files.writeString(dir.resolve("production.yaml"), production.replace(from, to));
        return dir;
    }

    @Test
    void killedRunsNeverLeavePartialFilesNorTouchHandWrittenOnes() throws Exception {
        Path a =
                configs(
                        "a",
                        "image: ghcr.io/neotool/web:3.1.4",
                        "image: ghcr.io/neotool/web:3.1.4");
        Path b =
                configs(
                        "b",
                        "  promtail:\n    chartVersion",
                        "  promtail:\n    enabled: false\n    chartVersion");
        Files.writeString(
                b.resolve("production.yaml"),
                Files.readString(b.resolve("production.yaml"))
                        .replace(
                                "image: ghcr.io/neotool/web:3.1.4",
                                "image: ghcr.io/neotool/web:3.2.0")
                        .replace(
                                "storage: 50Gi\n    maxConnections",
                                "storage: 80Gi\n    maxConnections"));
        OutputTree treeA = new NeotoolGitops().render(new NeotoolGitops().load(a));
        OutputTree treeB = new NeotoolGitops().render(new NeotoolGitops().load(b));
        Path out = work.resolve("repo");
        Path handWritten = out.resolve("infrastructure/production/controllers/promtail/NOTES.yaml");
        Files.createDirectories(handWritten.getParent());
        Files.writeString(handWritten, "# written by a person\nnotes: keep me\n");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random random = new Random(20261127);
        int interruptedMidRun = 0;
        for (int i = 0; i < KILLS; i++) {
            Process child =
                    new ProcessBuilder(
                                    java,
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    ChildGenerator.class.getName(),
                                    a.toString(),
                                    b.toString(),
                                    out.toString())
                            .redirectErrorStream(true)
                            .start();
            var lines =
                    new java.io.BufferedReader(
                            new java.io.InputStreamReader(
                                    child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null && !line.equals("ready")) {
                // start-up noise (SLF4J) is not interesting
            }
            Thread.sleep(random.nextInt(500));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (Files.exists(out.resolve(".neotool/generated.lock.pending"))) {
                interruptedMidRun++;
            }
            assertOnlyKnownContent(out, treeA, treeB, handWritten);
        }
        // the next uninterrupted run completes the job
        GenerationResult result = new NeotoolGitops().generate(new GenerationRequest(a, out, null));
        assertThat(result.files().written().size() + result.files().unchanged().size())
                .isEqualTo(treeA.files().size());
        for (OutputTree.OutputFile file : treeA.files().values()) {
            assertThat(Files.readAllBytes(out.resolve(file.path())))
                    .as(file.path())
                    .isEqualTo(file.content());
        }
        assertThat(new OutputWriter(out).owned()).containsExactlyElementsOf(treeA.files().keySet());
        assertThat(handWritten).hasContent("# written by a person\nnotes: keep me");
        try (Stream<Path> walk = Files.walk(out)) {
            assertThat(walk.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".tmp") || n.endsWith(".pending"));
        }
        System.out.println(
                "InterruptionTest: "
                        + KILLS
                        + " kills, "
                        + interruptedMidRun
                        + " of them in the middle of writing a tree");
    }

    private static void assertOnlyKnownContent(
            Path out, OutputTree a, OutputTree b, Path handWritten) throws IOException {
        assertThat(handWritten).hasContent("# written by a person\nnotes: keep me");
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path path : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String relative = out.relativize(path).toString().replace('\\', '/');
                String name = path.getFileName().toString();
                if (path.equals(handWritten)
                        || name.endsWith(".tmp")
                        || relative.startsWith(".neotool/")) {
                    continue;
                }
                byte[] content = Files.readAllBytes(path);
                boolean known =
                        (a.get(relative) != null
                                        && Arrays.equals(a.get(relative).content(), content))
                                || (b.get(relative) != null
                                        && Arrays.equals(b.get(relative).content(), content));
                if (!known) {
                    foreign.add(
                            relative
                                    + " ("
                                    + new String(content, StandardCharsets.UTF_8).length()
                                    + " chars)");
                }
            }
        }
        assertThat(foreign)
                .as("files that are neither config A's nor config B's version")
                .isEmpty();
    }
}
