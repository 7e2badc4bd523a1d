package io.neotool.gitops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neotool.gitops.TestSupport;
import io.neotool.gitops.components.minio.MinioSettings;
import io.neotool.gitops.config.load.ConfigException;
import io.neotool.gitops.wiring.Components;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static List<ConfigProblem> problems(String yaml) {
        try {
            TestSupport.parse(yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("the config was accepted:\n" + yaml);
    }

    private static ConfigProblem only(String yaml) {
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void loadsTheCommittedConfigs() {
        EnvironmentConfig production = TestSupport.production().config();
        assertThat(production.cluster().name()).isEqualTo("production");
        assertThat(production.namespace()).isEqualTo("production");
        assertThat(production.flux().interval()).isEqualTo("1m");
        assertThat(production.cluster().storageClass()).isEqualTo("local-path");
        assertThat(production.apps())
                .extracting(AppConfig::name)
                .contains("web", "app-service", "security-service");
        EnvironmentConfig dev = TestSupport.dev().config();
        assertThat(dev.infrastructure().get(MinioSettings.class).isEnabled()).isTrue();
        assertThat(dev.backups().target().provider()).isEqualTo(BackupConfig.Provider.MINIO);
        assertThat(production.infrastructure().get(MinioSettings.class).isEnabled()).isFalse();
    }

    @Test
    void unknownKeyIsLocatedWithTheClosestKnownKey() {
        String yaml =
                TestSupport.productionText()
                        .replace("  storageClass: local-path", "  storageClas: local-path");
        ConfigProblem problem = only(yaml);
        assertThat(problem.format())
                .isEqualTo(
                        "config/test.yaml:9:3: cluster.storageClas: unknown key 'storageClas' (hint: did you mean 'storageClass'?)");
    }

    /** A threshold that moved to its component is refused with where it lives now. */
    @Test
    void anAlertThresholdOfTheOldPlaceNamesItsNewOne() {
        String yaml =
                TestSupport.productionText()
                        .replace(
                                "      diskFullWithin: 24h\n",
                                "      diskFullWithin: 24h\n      postgresConnectionsPercent: 70\n");
        ConfigProblem problem = only(yaml);
        assertThat(problem.path())
                .isEqualTo("infrastructure.prometheus.alerts.postgresConnectionsPercent");
        assertThat(problem.hint())
                .isEqualTo(
                        "it moved to infrastructure.postgres.connectionsAlertPercent, with the component it belongs to");
    }

    /** Each component's threshold is read from its own settings, and checked there. */
    @Test
    void aComponentsThresholdIsCheckedInItsOwnSettings() {
        String yaml =
                TestSupport.productionText()
                        .replace(
                                "    maxConnections: 200\n",
                                "    maxConnections: 200\n    connectionsAlertPercent: 120\n");
        ConfigProblem problem = only(yaml);
        assertThat(problem.path()).isEqualTo("infrastructure.postgres.connectionsAlertPercent");
        assertThat(problem.message()).isEqualTo("120 is not a percentage");
    }

    @Test
    void unknownKeyInsideAListItemNamesTheIndex() {
        String yaml = TestSupport.productionText().replace("    port: 3000", "    prot: 3000");
        ConfigProblem problem = problems(yaml).get(0);
        assertThat(problem.path()).isEqualTo("apps[2].prot");
        assertThat(problem.hint()).isEqualTo("did you mean 'port'?");
        assertThat(problem.line()).isGreaterThan(100);
    }

    @Test
    void duplicateKeysAreRejectedWithBothLines() {
        String yaml =
                TestSupport.productionText()
                        .replace(
                                "namespace: production\n",
                                "namespace: production\nnamespace: other\n");
        ConfigProblem problem = only(yaml);
        assertThat(problem.path()).isEqualTo("namespace");
        assertThat(problem.message()).isEqualTo("duplicate key 'namespace' (first at line 21)");
        assertThat(problem.line()).isEqualTo(22);
    }

    @Test
    void anchorsAndAliasesAreRejected() {
        String yaml =
                TestSupport.productionText()
                        .replace(
                                "    resources:\n      requests: { cpu: 100m, memory: 256Mi }\n      limits: { cpu: 500m, memory: 512Mi }\n\n  postgres:",
                                "    resources: &small\n      requests: { cpu: 100m, memory: 256Mi }\n      limits: { cpu: 500m, memory: 512Mi }\n\n  postgres:")
                        .replaceFirst(
                                "(?s)(  grafana:.*?)    resources:\n      requests: \\{ cpu: 100m, memory: 256Mi \\}\n      limits: \\{ cpu: 500m, memory: 512Mi \\}",
                                "$1    resources: *small");
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems)
                .extracting(ConfigProblem::message)
                .contains(
                        "YAML anchors (&small) are not allowed",
                        "YAML aliases (*small) are not allowed");
        assertThat(problems)
                .extracting(ConfigProblem::path)
                .contains("infrastructure.vault.resources", "infrastructure.grafana.resources");
    }

    @Test
    void wrongTypesFailInsteadOfBeingCoerced() {
        ConfigProblem number =
                only(
                        TestSupport.productionText()
                                .replace("kubernetesVersion: \"1.33\"", "kubernetesVersion: 1.33"));
        assertThat(number.path()).isEqualTo("cluster.kubernetesVersion");
        assertThat(number.message()).isEqualTo("expected a string, got the number 1.33");
        assertThat(number.hint()).contains("quote the value");

        ConfigProblem text =
                only(
                        TestSupport.productionText()
                                .replaceFirst("    port: 8080\n", "    port: \"8080\"\n"));
        assertThat(text.path()).isEqualTo("apps[0].port");
        assertThat(text.message()).isEqualTo("expected a whole number, got \"8080\"");
        assertThat(text.hint()).isEqualTo("write the number without quotes");
    }

    @Test
    void structuralProblemsOfTheWholeFileComeTogether() {
        String yaml =
                TestSupport.productionText()
                        .replace("  ingressClass: traefik\n", "  ingresClass: traefik\n")
                        .replace("kubernetesVersion: \"1.33\"", "kubernetesVersion: 1.33")
                        .replace(
                                "    replicas: 2\n    host: app.neotool.io",
                                "    replicas: two\n    host: app.neotool.io")
                        .replace("  url: ssh://git@github.com/neotool/neotool-gitops.git\n", "")
                        .replace("    host: grafana.neotool.io\n", "    host: null\n");
        assertThat(problems(yaml))
                .extracting(ConfigProblem::path)
                .containsExactly(
                        "cluster.kubernetesVersion",
                        "cluster.ingresClass",
                        "git.url",
                        "infrastructure.grafana.host",
                        "apps[2].replicas");
    }

    /**
     * A structural mistake in one part does not hide the value mistakes of the others: one run
     * lists both. A value mistake inside the part whose structure is wrong waits for the next run
     * (the part's value there may be the default that stood in for the mistake).
     */
    @Test
    void oneRunReportsStructuralMistakesAndTheValueMistakesOfTheSoundParts() {
        String yaml =
                TestSupport.productionText()
                        .replace("image: postgres:18rc1", "image: postgres:latest")
                        .replace(
                                "    replicas: 2\n    host: app.neotool.io",
                                "    replicas: two\n    host: App.neotool.io")
                        .replace(
                                "    host: grafana.neotool.io\n", "    hots: grafana.neotool.io\n");
        assertThat(problems(yaml))
                .extracting(p -> p.path() + ": " + p.message())
                .containsExactly(
                        "infrastructure.postgres.image: image tag 'latest' is not pinned",
                        "infrastructure.grafana.hots: unknown key 'hots'",
                        "apps[2].replicas: expected a whole number, got \"two\"");
    }

    @Test
    void aMissingRequiredKeyLeavesTheValueChecksForTheNextRun() {
        String yaml =
                TestSupport.productionText()
                        .replace("image: postgres:18rc1", "image: postgres:latest")
                        .replace("  url: ssh://git@github.com/neotool/neotool-gitops.git\n", "");
        assertThat(problems(yaml)).extracting(ConfigProblem::path).containsExactly("git.url");
    }

    @Test
    void missingRequiredKeyIsNamed() {
        ConfigProblem problem =
                only(
                        TestSupport.productionText()
                                .replace(
                                        "  url: ssh://git@github.com/neotool/neotool-gitops.git\n",
                                        ""));
        assertThat(problem.path()).isEqualTo("git.url");
        assertThat(problem.message()).isEqualTo("missing required key 'url'");
        assertThat(problem.hint()).isEqualTo("add 'url:' here");
        assertThat(problem.line()).isEqualTo(12);
    }

    @Test
    void enumValuesListTheAllowedOnes() {
        ConfigProblem problem =
                only(TestSupport.productionText().replace("type: nextjs", "type: react"));
        assertThat(problem.path()).isEqualTo("apps[2].type");
        assertThat(problem.hint()).isEqualTo("one of: kotlin, nextjs");
    }

    @Test
    void syntaxErrorsAndTabsAreLocated() {
        ConfigProblem tab = only("cluster:\n\tname: x\n");
        assertThat(tab.line()).isEqualTo(2);
        assertThat(tab.message()).startsWith("YAML syntax:");
        assertThat(tab.hint()).isEqualTo("indent with spaces, never tabs");

        ConfigProblem unclosed = only("cluster: { name: x\n");
        assertThat(unclosed.message()).startsWith("YAML syntax:");
        assertThat(unclosed.line()).isGreaterThan(0);
    }

    @Test
    void emptyBinaryAndMultiDocumentFilesAreRefused() {
        assertThat(only("  \n").message()).isEqualTo("the file is empty");
        assertThatThrownBy(
                        () ->
                                Components.loader()
                                        .parse(
                                                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1},
                                                "config/x.yaml",
                                                null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid UTF-8");
        assertThat(only("a: 1\n---\nb: 2\n").message())
                .isEqualTo("a config holds one YAML document, this is document 2");
    }

    @Test
    void veryDeepNestingIsRefusedBeforeBinding() {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            deep.append("[");
        }
        ConfigProblem problem = only("cluster: " + deep + "\n");
        assertThat(problem.message()).isEqualTo("nesting deeper than 32 levels");
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnceInFileOrder() {
        String yaml =
                TestSupport.productionText()
                        .replace("image: postgres:18rc1", "image: postgres:latest")
                        .replace(
                                "storage: 50Gi\n    maxConnections",
                                "storage: 50GB\n    maxConnections")
                        .replace(
                                "    replicas: 2\n    host: app.neotool.io",
                                "    replicas: 0\n    host: app.neotool.io");
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems)
                .extracting(ConfigProblem::format)
                .containsExactly(
                        "config/test.yaml:33:5: infrastructure.postgres.image: image tag 'latest' is not pinned (hint: pin a released version, e.g. postgres:<version>)",
                        "config/test.yaml:35:5: infrastructure.postgres.storage: '50GB' is not a Kubernetes quantity (hint: write 50Gi)",
                        "config/test.yaml:221:5: apps[2] (web).replicas: expected a positive integer, got 0");
    }

    @Test
    void configTextIsDecodedAsUtf8() {
        String yaml =
                TestSupport.productionText().replace("LOG_FORMAT: json", "LOG_FORMAT: \"jsön\"");
        EnvironmentConfig config =
                Components.loader()
                        .parse(
                                yaml.getBytes(StandardCharsets.UTF_8),
                                "config/test.yaml",
                                TestSupport.configDir())
                        .config();
        assertThat(config.apps().get(0).env()).containsEntry("LOG_FORMAT", "jsön");
    }
}
