package io.neotool.gitops.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.TestSupport;
import io.neotool.gitops.Trees;
import io.neotool.gitops.config.load.ConfigException;
import io.neotool.gitops.config.load.ConfigLoader;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.wiring.Components;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An environment spread over files named under {@code include}. */
class ConfigIncludesTest {
    @TempDir Path work;
    private int runs;

    private static final String PRODUCTION = TestSupport.productionText();
    private static final int APPS = PRODUCTION.indexOf("\napps:\n") + 1;
    private static final int WEB = PRODUCTION.indexOf("  - name: web\n");
    private static final int BACKUPS = PRODUCTION.indexOf("\nbackups:\n") + 1;

    /** production.yaml with its apps in two files and its backups in a third. */
    private Path split(String main, String apps1, String apps2, String rest) throws IOException {
        Path config = TestSupport.copyConfigs(work.resolve(String.valueOf(runs++)));
        Files.createDirectories(config.resolve("production"));
        Files.writeString(config.resolve("production.yaml"), main, StandardCharsets.UTF_8);
        Files.writeString(config.resolve("production/apps-1.yaml"), apps1, StandardCharsets.UTF_8);
        Files.writeString(config.resolve("production/apps-2.yaml"), apps2, StandardCharsets.UTF_8);
        Files.writeString(config.resolve("production/rest.yaml"), rest, StandardCharsets.UTF_8);
        return config.resolve("production.yaml");
    }

    private static String main() {
        return PRODUCTION.substring(0, APPS)
                + "include:\n  - production/apps-1.yaml\n  - production/apps-2.yaml\n  - production/rest.yaml\n";
    }

    private static String apps1() {
        return "apps:\n" + PRODUCTION.substring(APPS + "apps:\n".length(), WEB);
    }

    private static String apps2() {
        return "apps:\n" + PRODUCTION.substring(WEB, BACKUPS);
    }

    private static String rest() {
        return PRODUCTION.substring(BACKUPS);
    }

    private static LoadedConfig load(Path file) {
        return Components.loader().load(file, "config/production.yaml");
    }

    private static List<String> problems(Path file) {
        try {
            load(file);
            throw new AssertionError("accepted");
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::format).toList();
        }
    }

    @Test
    void aSplitEnvironmentGeneratesTheSameTreeAsOneFile() throws IOException {
        LoadedConfig split = load(split(main(), apps1(), apps2(), rest()));
        LoadedConfig one = TestSupport.production();
        assertThat(split.config().apps()).isEqualTo(one.config().apps());
        assertThat(split.config().backups()).isEqualTo(one.config().backups());
        OutputTree a = Trees.generate(split);
        OutputTree b = Trees.generate(one);
        assertThat(a.files().keySet()).isEqualTo(b.files().keySet());
        a.files().forEach((path, f) -> assertThat(f.text()).as(path).isEqualTo(b.get(path).text()));
    }

    @Test
    void aProblemIsLocatedInTheFileAndLineItComesFrom() throws IOException {
        String apps2 = apps2().replace("    replicas: 2\n", "    replicas: 0\n");
        int line =
                (int)
                                apps2.substring(0, apps2.indexOf("replicas: 0"))
                                        .chars()
                                        .filter(c -> c == '\n')
                                        .count()
                        + 1;
        assertThat(problems(split(main(), apps1(), apps2, rest())))
                .containsExactly(
                        "config/production/apps-2.yaml:"
                                + line
                                + ":5: apps[2] (web).replicas: expected a positive integer, got 0");
    }

    @Test
    void unknownKeysAndTypesAreLocatedInTheirFile() throws IOException {
        String apps1 = apps1().replace("    replicas: 2\n", "    replicaz: 2\n");
        assertThat(problems(split(main(), apps1, apps2(), rest())))
                .as("the typo, and each key before it in the file")
                .allSatisfy(p -> assertThat(p).startsWith("config/production/apps-1.yaml:"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "apps[0] (security-service).replicaz: unknown key 'replicaz'"));
    }

    @Test
    void aKeySetInTwoFilesIsRefusedWhereItIsRepeated() throws IOException {
        String rest = rest() + "namespace: other\n";
        assertThat(problems(split(main(), apps1(), apps2(), rest)))
                .singleElement()
                .asString()
                .startsWith("config/production/rest.yaml:")
                .contains("namespace: 'namespace' is also set in config/production.yaml");
        String twice = "infrastructure:\n  kafka:\n    image: apache/kafka:3.7.0\n" + rest();
        assertThat(problems(split(main(), apps1(), apps2(), twice)))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .startsWith(
                                                "config/production/rest.yaml:2:3: infrastructure.kafka:")
                                        .contains("is also set in config/production.yaml"));
    }

    @Test
    void includesStayFlatInsideTheFolderAndExist() throws IOException {
        assertThat(problems(split(main(), apps1(), apps2(), "include: [x.yaml]\n" + rest())))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .startsWith(
                                                "config/production/rest.yaml:1:1: include: an included file cannot include others"));
        String escape = main().replace("  - production/rest.yaml\n", "  - ../rest.yaml\n");
        assertThat(problems(split(escape, apps1(), apps2(), rest())))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "include[2]: '../rest.yaml' is not a .yaml file inside the config's folder"));
        String missing = main().replace("  - production/rest.yaml\n", "  - production/gone.yaml\n");
        assertThat(problems(split(missing, apps1(), apps2(), rest())))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "include[2]: no file 'production/gone.yaml' beside the config"));
        String twice = main().replace("  - production/rest.yaml\n", "  - production/apps-1.yaml\n");
        assertThat(problems(split(twice, apps1(), apps2(), rest())))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .contains(
                                                "include[2]: 'production/apps-1.yaml' is included twice"));
    }

    @Test
    void eachFileHasTheSizeLimitOfItsOwn() throws IOException {
        String big = apps2() + "#" + "x".repeat(ConfigLoader.MAX_BYTES) + "\n";
        assertThat(problems(split(main(), apps1(), big, rest())))
                .containsExactly(
                        "config/production/apps-2.yaml:1:1: the file is larger than the limit of 1048576 bytes (hint: a config is a few KiB; spread many apps over files named in include)");
    }
}
