package io.neotool.gitops.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.GenerationRequest;
import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.TestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class SemanticDiffTest {
    @TempDir Path work;

    private Path repoWithGeneratedTree() throws IOException {
        Path config = TestSupport.copyConfigs(work);
        new NeotoolGitops().generate(new GenerationRequest(config, work, null));
        return config;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void aOneLineConfigChangeReportsExactlyThatObjectAndField() throws IOException {
        Path config = repoWithGeneratedTree();
        replace(
                config.resolve("production.yaml"),
                "image: ghcr.io/neotool/app-service:2.3.0",
                "image: ghcr.io/neotool/app-service:2.4.0");
        SemanticDiff.Report report = new NeotoolGitops().diff(config, work, null);
        assertThat(report.objects())
                .singleElement()
                .satisfies(
                        o -> {
                            assertThat(o.cluster()).isEqualTo("production");
                            assertThat(o.object())
                                    .isEqualTo("kustomization apps/production/app-service");
                            assertThat(o.status()).isEqualTo(ObjectDiff.Status.CHANGED);
                            assertThat(o.changes())
                                    .containsExactly(
                                            new Change(
                                                    "/images[name=ghcr.io/neotool/app-service]/newTag",
                                                    "2.3.0",
                                                    "2.4.0"));
                        });
        assertThat(report.versions())
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.component()).isEqualTo("apps");
                            assertThat(v.subject()).isEqualTo("image ghcr.io/neotool/app-service");
                            assertThat(v.before()).isEqualTo("2.3.0");
                        });
        assertThat(report.dangers()).isEmpty();
        assertThat(DiffFormat.TEXT.render(report))
                .contains(
                        "production: 0 to add, 1 to change, 0 to destroy",
                        "production: apps image ghcr.io/neotool/app-service: 2.3.0 -> 2.4.0");
        assertThat(DiffFormat.MARKDOWN.render(report))
                .contains(
                        "| production | apps | `image ghcr.io/neotool/app-service` | `2.3.0` | `2.4.0` |");
    }

    @Test
    void addedRemovedAndChangedObjectsPerClusterAndChartVersionsOnTop() throws IOException {
        Path config = repoWithGeneratedTree();
        replace(
                config.resolve("dev.yaml"),
                "  promtail:\n    chartVersion",
                "  promtail:\n    enabled: false\n    chartVersion");
        replace(
                config.resolve("production.yaml"),
                "chartVersion: 25.30.2",
                "chartVersion: 25.30.3");
        SemanticDiff.Report report = new NeotoolGitops().diff(config, work, null);
        assertThat(report.byCluster().get("dev"))
                .extracting(o -> o.status() + " " + o.object())
                .contains(
                        "REMOVED HelmRelease neotool-dev/promtail",
                        "REMOVED Kustomization flux-system/promtail",
                        "CHANGED kustomization clusters/dev");
        assertThat(report.versions())
                .extracting(VersionLines::of)
                .containsExactly(
                        "dev promtail chart promtail 6.15.2 -> null",
                        "dev promtail image grafana/promtail 2.9.0 -> null",
                        "production prometheus chart prometheus 25.30.2 -> 25.30.3");
    }

    @Test
    void comparesWithAGitRevisionWithoutTouchingTheWorkTree() throws Exception {
        Path config = repoWithGeneratedTree();
        git("init", "-q");
        git("-c", "user.email=ci@neotool.io", "-c", "user.name=ci", "add", "-A");
        git("-c", "user.email=ci@neotool.io", "-c", "user.name=ci", "commit", "-q", "-m", "tree");
        replace(
                config.resolve("production.yaml"),
                "storage: 50Gi\n    maxConnections",
                "storage: 80Gi\n    maxConnections");
        new NeotoolGitops().generate(new GenerationRequest(config, work, null));
        SemanticDiff.Report report = new NeotoolGitops().diff(config, work, "HEAD");
        assertThat(report.base()).isEqualTo("HEAD");
        assertThat(report.objects())
                .singleElement()
                .satisfies(
                        o -> {
                            assertThat(o.object()).isEqualTo("StatefulSet production/postgres");
                            assertThat(o.changes())
                                    .containsExactly(
                                            new Change(
                                                    "/spec/volumeClaimTemplates[name=data]/spec/resources/requests/storage",
                                                    "50Gi",
                                                    "80Gi"));
                        });
        assertThat(report.dangers())
                .extracting(Danger::kind)
                .as("growing a claim template is rejected in place, but loses nothing")
                .containsExactly(Danger.Kind.REJECTED);
        SemanticDiff.Report byDefault = new NeotoolGitops().diff(config, work, null);
        assertThat(byDefault.base())
                .as("right after generate, the default still compares with HEAD")
                .isEqualTo("HEAD");
        assertThat(byDefault.objects()).isEqualTo(report.objects());
        assertThat(byDefault.dangers()).isEqualTo(report.dangers());
    }

    private void git(String... args) throws Exception {
        var command = new java.util.ArrayList<>(java.util.List.of("git", "-C", work.toString()));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void secretLookingValuesAreMaskedInEveryFormat() {
        SortedMap<String, String> before = new TreeMap<>();
        SortedMap<String, String> after = new TreeMap<>();
        String base =
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: legacy\n  namespace: production\ndata:\n";
        before.put(
                "apps/production/configmap-legacy.yaml",
                base
                        + "  password: hunter2\n  url: https://app:oldpass@db.example.com/x\n  mode: a\n");
        after.put(
                "apps/production/configmap-legacy.yaml",
                base
                        + "  password: correct-horse\n  url: https://app:newpass@db.example.com/x\n  mode: b\n");
        String deployment =
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n      containers:\n"
                        + "        - name: w\n          env:\n            - name: DB_PASSWORD\n              value: %s\n";
        before.put("apps/base/w/deployment-w.yaml", String.format(deployment, "old-secret-value"));
        after.put("apps/base/w/deployment-w.yaml", String.format(deployment, "new-secret-value"));
        SemanticDiff.Report report = SemanticDiff.compare("test", before, after);
        for (DiffFormat format : DiffFormat.values()) {
            String text = format.render(report);
            assertThat(text)
                    .as(format.name())
                    .doesNotContain(
                            "hunter2",
                            "correct-horse",
                            "oldpass",
                            "newpass",
                            "old-secret-value",
                            "new-secret-value")
                    .contains("****");
        }
        assertThat(DiffFormat.TEXT.render(report)).contains("/data/mode: a -> b");
        var json = JsonMapper.builder().build().readTree(DiffFormat.JSON.render(report));
        assertThat(json.path("objects")).hasSize(2);
    }
}
