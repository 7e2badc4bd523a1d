package io.neotool.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.config.load.ConfigException;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.validate.TreeValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library entry point on real folders: configs in, files out. */
class NeotoolGitopsTest {
    @TempDir Path work;

    private Path copyConfigs() {
        return TestSupport.copyConfigs(work);
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void generatesIntoAnOtherFolderAndASecondRunChangesNothing() throws IOException {
        Path config = copyConfigs();
        Path out = work.resolve("out");
        GenerationResult first =
                new NeotoolGitops().generate(new GenerationRequest(config, out, null));
        assertThat(first.files().written()).hasSizeGreaterThan(100);
        assertThat(first.configs()).containsExactly("config/dev.yaml", "config/production.yaml");
        Map<String, String> before = snapshot(out);
        GenerationResult second =
                new NeotoolGitops().generate(new GenerationRequest(config, out, null));
        assertThat(second.files().written()).isEmpty();
        assertThat(second.files().removed()).isEmpty();
        assertThat(second.files().unchanged()).hasSize(first.files().written().size());
        assertThat(snapshot(out)).isEqualTo(before);
        assertThat(second.summary())
                .matches(
                        "neotool: 2 config\\(s\\) \\[config/dev.yaml, config/production.yaml\\]: 0 written, \\d+ unchanged, 0 removed in \\d+ ms");
    }

    @Test
    void aHandWrittenFileInAnOutputFolderSurvives() throws IOException {
        Path config = copyConfigs();
        Path out = work.resolve("out");
        new NeotoolGitops().generate(new GenerationRequest(config, out, null));
        Path mine = out.resolve("infrastructure/production/configs/postgres/README.md");
        Path myYaml = out.resolve("apps/production/extra-configmap.yaml");
        Files.writeString(mine, "notes\n");
        Files.writeString(myYaml, "apiVersion: v1\nkind: ConfigMap\n");
        new NeotoolGitops().generate(new GenerationRequest(config, out, null));
        assertThat(mine).hasContent("notes");
        assertThat(myYaml).exists();
    }

    @Test
    void aRemovedComponentIsPrunedAndOnlyItsFiles() throws IOException {
        Path config = copyConfigs();
        Path out = work.resolve("out");
        new NeotoolGitops().generate(new GenerationRequest(config, out, null));
        Path prod = config.resolve("production.yaml");
        Files.writeString(
                prod,
                Files.readString(prod)
                        .replace(
                                "  promtail:\n    chartVersion",
                                "  promtail:\n    enabled: false\n    chartVersion"));
        GenerationResult result =
                new NeotoolGitops().generate(new GenerationRequest(config, out, "production"));
        assertThat(result.files().removed())
                .containsExactly(
                        "clusters/production/promtail.yaml",
                        "infrastructure/production/controllers/network-policies/networkpolicy-production-agents-promtail.yaml",
                        "infrastructure/production/controllers/promtail/helmrelease-promtail.yaml",
                        "infrastructure/production/controllers/promtail/kustomization.yaml");
        assertThat(result.files().written())
                .as(
                        "the cluster's and the policies' lists, Loki's policy, the cluster's README and runbook and the version table")
                .containsExactly(
                        "clusters/README.md",
                        "clusters/production/README.md",
                        "clusters/production/RUNBOOK.md",
                        "clusters/production/kustomization.yaml",
                        "infrastructure/production/controllers/network-policies/kustomization.yaml",
                        "infrastructure/production/controllers/network-policies/networkpolicy-loki.yaml");
        assertThat(out.resolve("infrastructure/dev/controllers/promtail")).exists();
    }

    @Test
    void aBadConfigWritesAndDeletesNothing() throws IOException {
        Path config = copyConfigs();
        Path out = work.resolve("out");
        new NeotoolGitops().generate(new GenerationRequest(config, out, null));
        Map<String, String> before = snapshot(out);
        Path dev = config.resolve("dev.yaml");
        Files.writeString(
                dev, Files.readString(dev).replace("image: postgres:18rc1", "image: postgres"));
        Path prod = config.resolve("production.yaml");
        Files.writeString(
                prod,
                Files.readString(prod)
                        .replace("apps:\n  - name: security-service", "apps:\n  - name: Security"));
        assertThatThrownBy(
                        () ->
                                new NeotoolGitops()
                                        .generate(new GenerationRequest(config, out, null)))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .extracting(p -> p.file() + ":" + p.path())
                                        .as(
                                                "the renamed app is also a subgraph the supergraph no longer reaches")
                                        .containsExactly(
                                                "config/dev.yaml:infrastructure.postgres.image",
                                                "config/production.yaml:infrastructure.apolloRouter.supergraphFile",
                                                "config/production.yaml:apps[0].name"));
        assertThat(snapshot(out)).isEqualTo(before);
    }

    @Test
    void appBasesMustAgreeAcrossEnvironments() throws IOException {
        Path config = copyConfigs();
        Path dev = config.resolve("dev.yaml");
        Files.writeString(dev, Files.readString(dev).replace("    port: 3000", "    port: 3001"));
        assertThatThrownBy(
                        () ->
                                new NeotoolGitops()
                                        .generate(
                                                new GenerationRequest(
                                                        config, work.resolve("out"), "dev")))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> {
                            assertThat(e.problems()).hasSize(1);
                            assertThat(e.problems().get(0).path()).isEqualTo("apps[2]");
                            assertThat(e.problems().get(0).message()).contains("app 'web' differs");
                        });
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void everyObjectNamesTheConfigEntryItComesFromAndProblemsPointThere() throws IOException {
        List<LoadedConfig> configs = List.of(TestSupport.dev(), TestSupport.production());
        OutputTree tree = new NeotoolGitops().render(configs);
        for (OutputTree.OutputFile file : tree.files().values()) {
            if (file.path().endsWith(".yaml") && !file.path().endsWith("/kustomization.yaml")) {
                assertThat(file.text()).as(file.path()).contains("    neotool.io/source: config/");
            }
        }
        assertThat(
                        tree.get(
                                        "infrastructure/production/configs/postgres/statefulset-postgres.yaml")
                                .text())
                .contains("neotool.io/source: config/production.yaml#/infrastructure/postgres\n");
        assertThat(tree.get("apps/production/web/ingress-web.yaml").text())
                .contains("neotool.io/source: config/production.yaml#/apps/web\n");
        String production = TestSupport.productionText();
        int webLine =
                production
                        .substring(0, production.indexOf("  - name: web\n"))
                        .split("\n", -1)
                        .length;
        assertThat(TreeValidators.locate(configs, "config/production.yaml#/apps/web"))
                .isEqualTo("config/production.yaml:" + webLine + ":5");
        int postgresLine =
                production.substring(0, production.indexOf("  postgres:\n")).split("\n", -1).length;
        assertThat(
                        TreeValidators.locate(
                                configs, "config/production.yaml#/infrastructure/postgres"))
                .isEqualTo("config/production.yaml:" + postgresLine + ":3");
        assertThat(TreeValidators.locate(configs, "config/*.yaml#/apps/web"))
                .startsWith("config/dev.yaml:");

        // a problem in a generated object names the config line that produced it
        SortedMap<String, String> files = new TreeMap<>();
        tree.files().forEach((path, file) -> files.put(path, file.text()));
        String sts = "infrastructure/production/configs/postgres/statefulset-postgres.yaml";
        files.put(
                sts,
                files.get(sts).replace("storageClassName: local-path", "storageClassName: other"));
        var problems =
                new TreeValidator(
                                null,
                                TreeValidators.rules(configs),
                                s -> TreeValidators.locate(configs, s))
                        .validate(files)
                        .problems();
        assertThat(problems)
                .singleElement()
                .satisfies(
                        p ->
                                assertThat(p.format())
                                        .endsWith(
                                                "(generated from config/production.yaml:"
                                                        + postgresLine
                                                        + ":3)"));
    }

    @Test
    void checkFailsOnDriftAndPassesAfterGenerate() throws IOException {
        Path config = copyConfigs();
        Path out = work.resolve("out");
        NeotoolGitops gitops = new NeotoolGitops();
        assertThat(gitops.check(config, out).missing()).hasSizeGreaterThan(100);
        gitops.generate(new GenerationRequest(config, out, null));
        assertThat(gitops.check(config, out).clean()).isTrue();

        Path prod = config.resolve("production.yaml");
        Files.writeString(
                prod,
                Files.readString(prod)
                        .replace(
                                "image: ghcr.io/neotool/web:3.1.4",
                                "image: ghcr.io/neotool/web:3.1.5"));
        CheckResult drift = gitops.check(config, out);
        assertThat(drift.clean()).isFalse();
        assertThat(drift.diffs())
                .as(
                        "a production change touches production's files and the shared version table only")
                .containsOnlyKeys(
                        "apps/production/web/kustomization.yaml",
                        "clusters/README.md",
                        "clusters/production/README.md");
        assertThat(drift.diffs().get("apps/production/web/kustomization.yaml"))
                .contains(
                        "--- a/apps/production/web/kustomization.yaml",
                        "-    newTag: 3.1.4",
                        "+    newTag: 3.1.5");
        assertThat(drift.handEdited()).isEmpty();
        assertThat(drift.report()).endsWith("fix: ./mvnw neotool:generate\n");

        gitops.generate(new GenerationRequest(config, out, null));
        assertThat(gitops.check(config, out).clean()).isTrue();

        Path ingress = out.resolve("apps/production/web/ingress-web.yaml");
        Files.writeString(
                ingress, Files.readString(ingress).replace("app.neotool.io", "www.neotool.io"));
        Files.delete(out.resolve("apps/dev/web/ingress-web.yaml"));
        CheckResult edited = gitops.check(config, out);
        assertThat(edited.handEdited()).containsExactly("apps/production/web/ingress-web.yaml");
        assertThat(edited.missing()).containsExactly("apps/dev/web/ingress-web.yaml");
        assertThat(edited.fix()).contains("-Dneotool.force=true");
    }

    @Test
    void eachClusterHasAReadmeWithItsFluxGraphAndOneFileComparesEveryEnvironment()
            throws IOException {
        Path config = copyConfigs();
        Path dev = config.resolve("dev.yaml");
        Files.writeString(
                dev,
                Files.readString(dev)
                        .replace(
                                "image: ghcr.io/neotool/web:3.1.4",
                                "image: ghcr.io/neotool/web:3.2.0"));
        Path prod = config.resolve("production.yaml");
        Files.writeString(
                prod,
                Files.readString(prod)
                        .replace(
                                "image: ghcr.io/neotool/web:3.1.4",
                                "image: ghcr.io/neotool/web:3.1.9"));
        NeotoolGitops gitops = new NeotoolGitops();
        OutputTree tree = gitops.render(gitops.load(config));
        String readme = tree.get("clusters/production/README.md").text();
        assertThat(readme)
                .startsWith("<!--\nGenerated by neotool-gitops from ")
                .contains(
                        "```mermaid\nflowchart LR\n",
                        "k_postgres --> k_pgbouncer",
                        "k_grafana[\"Kustomization grafana<br/>HelmRelease, chart grafana 8.4.8",
                        "k_pgbouncer --> k_app_service",
                        "k_app_service_database --> k_app_service",
                        "| component | image / chart | version |",
                        "| app web | image ghcr.io/neotool/web | 3.1.9 |",
                        "| postgres | image postgres | 18rc1 |")
                .doesNotContain("3.2.0", "chart minio");
        assertThat(OutputTree.ownerOf(readme)).isEqualTo("config/production.yaml");
        assertThat(tree.get("clusters/dev/README.md").text()).contains("# Cluster `dev`");
        String versions = tree.get("clusters/README.md").text();
        assertThat(versions)
                .contains(
                        "| component | image / chart | dev | production |",
                        "| app web ⚠ | image ghcr.io/neotool/web | 3.2.0 | 3.1.9 |",
                        "| minio | chart minio | 5.4.0 | — |",
                        "| postgres | image postgres | 18rc1 | 18rc1 |");
        assertThat(OutputTree.ownerOf(versions)).isEqualTo(OutputTree.SHARED);
    }

    @Test
    void twoConfigsCannotShareACluster() throws IOException {
        Path config = copyConfigs();
        Files.writeString(
                config.resolve("copy.yaml"), Files.readString(config.resolve("production.yaml")));
        assertThatThrownBy(() -> new NeotoolGitops().load(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "cluster 'production' is also the cluster of config/copy.yaml");
    }

    @Test
    void anUnknownEnvironmentIsNamed() throws IOException {
        Path config = copyConfigs();
        assertThatThrownBy(
                        () ->
                                new NeotoolGitops()
                                        .generate(
                                                new GenerationRequest(
                                                        config, work.resolve("out"), "staging")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no config for environment 'staging'");
    }
}
