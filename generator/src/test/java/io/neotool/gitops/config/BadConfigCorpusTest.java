package io.neotool.gitops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.neotool.gitops.TestSupport;
import io.neotool.gitops.config.load.ConfigException;
import io.neotool.gitops.config.load.ConfigLoader;
import io.neotool.gitops.wiring.Components;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of bad configs under {@code src/test/resources/bad-configs/}: each file and the error
 * it must produce ({@code expectations.tsv}: case, line, column, key path, start of the message).
 */
class BadConfigCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/bad-configs");

    static Stream<Arguments> cases() throws IOException {
        return Files.readAllLines(CORPUS.resolve("expectations.tsv")).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("\t", -1))
                .map(
                        f ->
                                Arguments.of(
                                        f[0],
                                        Integer.parseInt(f[1]),
                                        Integer.parseInt(f[2]),
                                        f[3],
                                        f[4]));
    }

    static List<ConfigProblem> problems(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(CORPUS.resolve(name + ".yaml"));
        try {
            Components.loader()
                    .parse(bytes, "bad-configs/" + name + ".yaml", TestSupport.configDir());
        } catch (ConfigException e) {
            return e.problems();
        }
        return fail("accepted: " + name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBadConfigGivesItsLocatedError(
            String name, int line, int column, String path, String message) throws IOException {
        List<ConfigProblem> problems = problems(name);
        assertThat(problems)
                .as("every problem has a location")
                .allSatisfy(
                        p -> {
                            assertThat(p.line()).isPositive();
                            assertThat(p.column()).isPositive();
                            assertThat(p.file()).isEqualTo("bad-configs/" + name + ".yaml");
                        });
        assertThat(problems)
                .as(problems.toString())
                .anySatisfy(
                        p -> {
                            assertThat(p.message()).startsWith(message);
                            assertThat(p.path()).isEqualTo(path);
                            if (line > 0) {
                                assertThat(p.line()).isEqualTo(line);
                            }
                            if (column > 0) {
                                assertThat(p.column()).isEqualTo(column);
                            }
                        });
    }

    @Test
    void theCorpusHasAtLeastFortyCases() throws IOException {
        assertThat(cases().count()).isGreaterThanOrEqualTo(40);
        try (Stream<Path> files = Files.list(CORPUS)) {
            assertThat(files.filter(f -> f.toString().endsWith(".yaml")).count())
                    .isEqualTo(cases().count());
        }
    }

    @Test
    void aVeryLargeFileIsRefusedBeforeParsing() {
        byte[] big = new byte[ConfigLoader.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '#');
        try {
            Components.loader().parse(big, "config/big.yaml", null);
            fail("accepted");
        } catch (ConfigException e) {
            assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                            p ->
                                    assertThat(p.format())
                                            .isEqualTo(
                                                    "config/big.yaml:1:1: the file is larger than the limit of 1048576 bytes (hint: a config is a few KiB; spread many apps over files named in include)"));
        }
    }

    @Test
    void aFloodOfProblemsIsCappedWithACount() {
        StringBuilder yaml = new StringBuilder("cluster:\n");
        for (int i = 0; i < 500; i++) {
            yaml.append("  key").append(i).append(": v\n");
        }
        try {
            TestSupport.parse(yaml.toString());
            fail("accepted");
        } catch (ConfigException e) {
            assertThat(e.problems()).hasSize(ConfigLoader.MAX_PROBLEMS + 1);
            assertThat(e.problems().get(ConfigLoader.MAX_PROBLEMS).message())
                    .matches("\\d+ more problems not shown");
        }
    }

    @Test
    void everyTypoOfAFileIsReportedInOneRun() {
        String yaml =
                TestSupport.productionText()
                        .replace("  ingressClass: traefik\n", "  ingresClass: traefik\n")
                        .replace("    chartVersion: 0.32.0\n", "    chartVersio: 0.32.0\n")
                        .replace("      graphql: true\n", "      graphgl: true\n");
        try {
            TestSupport.parse(yaml);
            fail("accepted");
        } catch (ConfigException e) {
            assertThat(e.problems())
                    .extracting(ConfigProblem::path)
                    .contains(
                            "cluster.ingresClass",
                            "infrastructure.vault.chartVersio",
                            "apps[2].uses.graphgl");
        }
    }
}
