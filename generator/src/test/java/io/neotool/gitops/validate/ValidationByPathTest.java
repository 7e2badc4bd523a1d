package io.neotool.gitops.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.TreeValidators;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validator reads the tree one Flux path at a time and keeps facts, not objects: what it finds
 * must not depend on that. A path larger than one chunk of parsed files is checked whole, a file no
 * path reaches is still checked on its own, and a Service finds pods another path applies.
 */
class ValidationByPathTest {
    static final String POLICIES = "infrastructure/production/controllers/network-policies/";

    @BeforeAll
    static void generate() {
        TreeValidatorTest.generate();
    }

    private static TreeValidator.Report validate(Map<String, String> changes) {
        SortedMap<String, String> files = new TreeMap<>(TreeValidatorTest.tree);
        files.putAll(changes);
        return new TreeValidator(null, TreeValidators.rules(TreeValidatorTest.configs))
                .validate(files);
    }

    private static String configMap(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
                + name
                + "\n  namespace: production\ndata:\n  key: value\n";
    }

    @Test
    void aPathOfManyChunksIsCheckedWhole() {
        int n = 3 * BuildReads.CHUNK + 17;
        Map<String, String> changes = new TreeMap<>();
        StringBuilder listed = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String file = String.format("configmap-extra-%04d.yaml", i);
            // one bad name, in the last chunk
            changes.put(POLICIES + file, configMap(i == n - 2 ? "Bad_Name" : "extra-" + i));
            listed.append("  - ").append(file).append('\n');
        }
        changes.put(
                POLICIES + "kustomization.yaml",
                TreeValidatorTest.edit(
                        POLICIES + "kustomization.yaml", "resources:\n", "resources:\n" + listed));
        TreeValidator.Report before = validate(Map.of());
        TreeValidator.Report after = validate(changes);
        assertThat(before.problems()).isEmpty();
        assertThat(after.objects()).isEqualTo(before.objects() + n);
        assertThat(after.problems())
                .extracting(ValidationProblem::format)
                .singleElement()
                .asString()
                .contains(String.format("configmap-extra-%04d.yaml", n - 2))
                .contains("Bad_Name");
    }

    @Test
    void aFileNoPathReachesIsStillChecked() {
        String token = "aB3" + "x9Kq2ZpL7mN4vR8tY1wE6uI0oP5sD3fG";
        TreeValidator.Report report =
                validate(
                        Map.of(
                                "infrastructure/production/notes/configmap-notes.yaml",
                                configMap("notes") + "  other: " + token + "\n",
                                "infrastructure/production/notes/broken.yaml",
                                "kind: [unclosed\n"));
        assertThat(report.problems())
                .extracting(ValidationProblem::format)
                .anyMatch(p -> p.contains("configmap-notes.yaml:8") && p.contains("credential"))
                .anyMatch(p -> p.contains("broken.yaml") && p.contains("not valid YAML"));
    }

    @Test
    void aServiceFindsThePodsOfAnotherPath() {
        // PgBouncer's Service applied by the controllers path, its Deployment by the configs path
        String service = "infrastructure/production/configs/pgbouncer/service-pgbouncer.yaml";
        String moved = POLICIES + "service-pgbouncer.yaml";
        Map<String, String> changes = new TreeMap<>();
        changes.put(moved, TreeValidatorTest.tree.get(service));
        changes.put(
                POLICIES + "kustomization.yaml",
                TreeValidatorTest.edit(
                        POLICIES + "kustomization.yaml",
                        "resources:\n",
                        "resources:\n  - service-pgbouncer.yaml\n"));
        String folder = "infrastructure/production/configs/pgbouncer/kustomization.yaml";
        changes.put(folder, TreeValidatorTest.edit(folder, "  - service-pgbouncer.yaml\n", ""));
        SortedMap<String, String> files = new TreeMap<>(TreeValidatorTest.tree);
        files.putAll(changes);
        files.remove(service);
        List<ValidationProblem> problems =
                new TreeValidator(null, TreeValidators.rules(TreeValidatorTest.configs))
                        .validate(files)
                        .problems();
        assertThat(problems).isEmpty();
        // and a selector that matches no pod of any path is still found
        files.put(
                moved,
                files.get(moved)
                        .replace(
                                "app.kubernetes.io/name: pgbouncer",
                                "app.kubernetes.io/name: nobody"));
        assertThat(
                        new TreeValidator(null, TreeValidators.rules(TreeValidatorTest.configs))
                                .validate(files)
                                .problems())
                .extracting(ValidationProblem::message)
                .anyMatch(m -> m.contains("which selects none"));
    }
}
