package io.neotool.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configs users commit under {@code config/}, as they are and after each everyday edit (every
 * version bumped, an app added, removed, renamed), have the properties every valid config has: they
 * load, generate, validate (against the schemas when CI gives the catalog), regenerate as a no-op,
 * and the tree written matches them. Nothing here names a value of those configs, so editing them
 * never turns this test red unless the edit makes them invalid.
 */
class CommittedConfigsTest {
    @TempDir Path work;

    /** Every committed {@code <env>.yaml}, with each everyday edit. */
    static Stream<Arguments> edits() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (var files = Files.list(TestSupport.committedConfigDir())) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (UserEdits edit : UserEdits.values()) {
                    cases.add(Arguments.of(file.getFileName().toString(), edit));
                }
            }
        }
        return cases.stream();
    }

    private static List<String> appNames(Path file) {
        return io.neotool.gitops.wiring.Components.loader()
                .load(file, "config/" + file.getFileName())
                .config()
                .apps()
                .stream()
                .map(io.neotool.gitops.config.AppConfig::name)
                .toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("edits")
    void generatesValidatesAndRegeneratesToTheSameBytes(String name, UserEdits edit) {
        Path config = TestSupport.copyConfigs(TestSupport.committedConfigDir(), work);
        List<String> before = appNames(config.resolve(name));
        edit.applyTo(config, name);
        List<String> after = appNames(config.resolve(name));
        switch (edit) {
            case ADD_AN_APP -> assertThat(after).hasSize(before.size() + 1).containsAll(before);
            case REMOVE_AN_APP -> assertThat(before).hasSize(after.size() + 1).containsAll(after);
            case RENAME_AN_APP -> assertThat(after).hasSameSizeAs(before).isNotEqualTo(before);
            default -> assertThat(after).isEqualTo(before);
        }
        Path out = work.resolve("out");
        String schemas = System.getProperty("neotool.schemaLocation", "");
        GenerationRequest request =
                new GenerationRequest(config, out, null, schemas.isBlank() ? null : schemas, false);
        NeotoolGitops gitops = new NeotoolGitops();

        GenerationResult first = gitops.generate(request);
        assertThat(first.files().written()).as("files written").isNotEmpty();
        GenerationResult second = gitops.generate(request);
        assertThat(second.files().written()).as("a second run writes nothing").isEmpty();
        assertThat(second.files().removed()).isEmpty();

        CheckResult check = gitops.check(config, out);
        assertThat(check.clean()).as(check.report()).isTrue();
        ValidationResult validation =
                gitops.validate(config, out, schemas.isBlank() ? null : schemas);
        assertThat(validation.report().problems()).as(validation.summary()).isEmpty();
    }
}
