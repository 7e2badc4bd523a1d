package io.neotool.gitops;

import static io.neotool.gitops.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.components.grafana.GrafanaSettings;
import io.neotool.gitops.components.kafka.KafkaSettings;
import io.neotool.gitops.components.minio.MinioSettings;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.wiring.Components;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Properties every generated tree has, for the committed configs and a different one. */
class WholeTreeTest {

    static LoadedConfig staging() {
        Path file = Path.of("src/test/resources/configs/staging/staging.yaml").toAbsolutePath();
        return Components.loader().load(file, "configs/staging.yaml");
    }

    /**
     * The fixtures, a config of another shape, and every committed config as it is and after each
     * everyday edit ({@link UserEdits}): the properties below hold for any valid config.
     */
    static Stream<Arguments> configs() throws java.io.IOException {
        List<Arguments> configs = new ArrayList<>();
        configs.add(Arguments.of("production", TestSupport.production()));
        configs.add(Arguments.of("dev", TestSupport.dev()));
        configs.add(Arguments.of("staging-eu", staging()));
        Path committed = TestSupport.committedConfigDir();
        try (var files = java.nio.file.Files.list(committed)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String name = file.getFileName().toString();
                String text = java.nio.file.Files.readString(file);
                for (UserEdits edit : UserEdits.values()) {
                    byte[] edited = edit.apply(text, committed).getBytes(StandardCharsets.UTF_8);
                    configs.add(
                            Arguments.of(
                                    "config/" + name + ": " + edit,
                                    Components.loader()
                                            .parse(edited, "config/" + name, committed)));
                }
            }
        }
        return configs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyKustomizationListsExactlyTheFilesOfItsFolder(String label, LoadedConfig config) {
        String cluster = config.config().cluster().name();
        OutputTree tree = Trees.generate(config);
        Map<String, Set<String>> entries = new TreeMap<>();
        for (String path : tree.files().keySet()) {
            if (!path.endsWith(".yaml")) {
                continue; // kustomize lists Kubernetes manifests only (not READMEs or scripts)
            }
            String folder = path.substring(0, path.lastIndexOf('/'));
            entries.computeIfAbsent(folder, f -> new TreeSet<>())
                    .add(path.substring(folder.length() + 1));
            // a folder that has files is an entry of its parent folder
            String parent =
                    folder.contains("/") ? folder.substring(0, folder.lastIndexOf('/')) : "";
            entries.computeIfAbsent(parent, f -> new TreeSet<>())
                    .add(folder.substring(folder.lastIndexOf('/') + 1));
        }
        int checked = 0;
        for (String path : tree.files().keySet()) {
            if (!path.endsWith("/kustomization.yaml")) {
                continue;
            }
            String folder = path.substring(0, path.lastIndexOf('/'));
            JsonNode kustomization = yaml(tree, path);
            List<String> listed = new ArrayList<>();
            kustomization.path("resources").forEach(r -> listed.add(r.asString()));
            assertThat(listed).as(path + " is sorted").isSorted();
            for (String resource : listed) {
                if (resource.startsWith("../")) {
                    String target =
                            Path.of(folder)
                                    .resolve(resource)
                                    .normalize()
                                    .toString()
                                    .replace('\\', '/');
                    assertThat(tree.get(target + "/kustomization.yaml"))
                            .as(path + " -> " + resource)
                            .isNotNull();
                } else if (!resource.equals("flux-system")) {
                    assertThat(entries.get(folder))
                            .as(path + " lists " + resource)
                            .contains(resource);
                }
            }
            Set<String> expected = new TreeSet<>(entries.get(folder));
            expected.remove("kustomization.yaml");
            assertThat(listed).as(path + " lists every file of its folder").containsAll(expected);
            checked++;
        }
        assertThat(checked).isGreaterThan(5);
        if (!cluster.equals("staging-eu")) {
            assertThat(tree.files().keySet()).allMatch(p -> !p.contains("/flux-system/"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void eachFluxKustomizationAppliesItsFolderAfterWhatItUses(String label, LoadedConfig config) {
        String cluster = config.config().cluster().name();
        OutputTree tree = Trees.generate(config);
        String interval = config.config().flux().interval();
        java.util.Set<String> names = new java.util.TreeSet<>();
        tree.files().keySet().stream()
                .filter(p -> p.matches("clusters/" + cluster + "/[^/]+\\.yaml"))
                .map(p -> p.substring(p.lastIndexOf('/') + 1, p.length() - 5))
                .filter(n -> !n.equals("kustomization"))
                .forEach(names::add);
        // one per app, one per component, one per app's database
        config.config().apps().forEach(a -> assertThat(names).contains(a.name()));
        assertThat(names).contains("namespace", "postgres", "vault");
        for (String name : names) {
            JsonNode k = yaml(tree, "clusters/" + cluster + "/" + name + ".yaml");
            assertThat(k.at("/apiVersion").asString()).isEqualTo("kustomize.toolkit.fluxcd.io/v1");
            assertThat(k.at("/metadata/name").asString()).isEqualTo(name);
            assertThat(k.at("/metadata/namespace").asString()).isEqualTo("flux-system");
            assertThat(k.at("/spec/interval").asString()).isEqualTo(interval);
            assertThat(k.at("/spec/prune").asBoolean()).isTrue();
            assertThat(k.at("/spec/wait").asBoolean()).isTrue();
            assertThat(k.at("/spec/timeout").asString()).isNotEmpty();
            assertThat(k.at("/spec/retryInterval").asString()).isNotEmpty();
            assertThat(k.at("/spec/sourceRef/kind").asString()).isEqualTo("GitRepository");
            assertThat(k.at("/spec/sourceRef/name").asString()).isEqualTo("flux-system");
            String path = k.at("/spec/path").asString().substring(2);
            assertThat(tree.get(path + "/kustomization.yaml"))
                    .as(name + " path " + path)
                    .isNotNull();
            // what it waits for exists; only the namespace waits for nothing
            if (name.equals("namespace")) {
                assertThat(k.at("/spec/dependsOn").isMissingNode()).isTrue();
            } else {
                assertThat(k.at("/spec/dependsOn").size()).as(name).isPositive();
                k.at("/spec/dependsOn")
                        .forEach(d -> assertThat(names).contains(d.path("name").asString()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyFileHasTheHeaderLfAndATrailingNewline(String label, LoadedConfig config) {
        String cluster = config.config().cluster().name();
        for (OutputTree.OutputFile file : Trees.generate(config).files().values()) {
            String text = new String(file.content(), StandardCharsets.UTF_8);
            assertThat(text)
                    .as(file.path())
                    .startsWith("# Generated by neotool-gitops from ")
                    .endsWith("\n")
                    .doesNotContain("\r");
            assertThat(OutputTree.ownerOf(text)).as(file.path()).isEqualTo(file.owner());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void generationIsDeterministic(String label, LoadedConfig config) {
        String cluster = config.config().cluster().name();
        OutputTree first = Trees.generate(config);
        OutputTree second = new Generator().generate(config);
        assertThat(second.files().keySet()).containsExactlyElementsOf(first.files().keySet());
        first.files()
                .forEach(
                        (path, file) ->
                                assertThat(second.get(path).content())
                                        .as(path)
                                        .isEqualTo(file.content()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void onlyEnabledComponentsAreGenerated(String label, LoadedConfig config) {
        String cluster = config.config().cluster().name();
        OutputTree tree = Trees.generate(config);
        Set<String> folders = new TreeSet<>();
        tree.files().keySet().stream()
                .filter(p -> p.startsWith("infrastructure/" + cluster + "/"))
                .forEach(p -> folders.add(p.split("/")[3]));
        var infra = config.config().infrastructure();
        assertThat(folders.contains("kafka"))
                .isEqualTo(
                        infra.get(KafkaSettings.class) != null
                                && infra.get(KafkaSettings.class).isEnabled());
        assertThat(folders.contains("minio"))
                .isEqualTo(
                        infra.get(MinioSettings.class) != null
                                && infra.get(MinioSettings.class).isEnabled());
        assertThat(folders.contains("grafana"))
                .isEqualTo(
                        infra.get(GrafanaSettings.class) != null
                                && infra.get(GrafanaSettings.class).isEnabled());
        assertThat(folders).contains("namespace", "vault", "postgres", "pgbouncer");
    }

    @org.junit.jupiter.api.Test
    void aDifferentConfigGivesAConsistentTreeOfItsOwn() {
        OutputTree tree = Trees.generate(staging());
        assertThat(tree.files().keySet())
                .allMatch(
                        p ->
                                p.startsWith("clusters/staging-eu/")
                                        || p.startsWith("infrastructure/staging-eu/")
                                        || p.startsWith("apps/staging-eu/")
                                        || p.startsWith("apps/base/billing/"));
        JsonNode sources =
                yaml(tree, "infrastructure/staging-eu/controllers/sources/kustomization.yaml");
        assertThat(sources.path("resources").toString())
                .isEqualTo("[\"helmrepository-hashicorp.yaml\"]");
        assertThat(yaml(tree, "clusters/staging-eu/billing.yaml").at("/spec/interval").asString())
                .isEqualTo("5m");
        String ini =
                yaml(
                                tree,
                                "infrastructure/staging-eu/configs/pgbouncer/configmap-pgbouncer-config.yaml")
                        .at("/data/pgbouncer.ini")
                        .asString();
        assertThat(ini)
                .contains("billing = host=postgres port=5432 dbname=billing\n")
                .doesNotContain("unleash");
        JsonNode overlay = yaml(tree, "apps/staging-eu/billing/kustomization.yaml");
        assertThat(overlay.at("/namespace").asString()).isEqualTo("neotool-staging");
        assertThat(yaml(tree, "clusters/staging-eu/billing.yaml").at("/spec/path").asString())
                .isEqualTo("./apps/staging-eu/billing");
        assertThat(
                        yaml(tree, "apps/staging-eu/billing/kustomization.yaml")
                                .at("/images/0/newTag")
                                .asString())
                .isEqualTo("0.9.1");
        assertThat(
                        yaml(tree, "apps/staging-eu/billing/ingress-billing.yaml")
                                .at("/spec/rules/0/host")
                                .asString())
                .isEqualTo("billing.staging.example.org");
        assertThat(tree.files().keySet())
                .noneMatch(p -> p.contains("backup") || p.contains("kafka"));
    }
}
