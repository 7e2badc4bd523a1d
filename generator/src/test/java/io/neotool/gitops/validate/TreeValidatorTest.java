package io.neotool.gitops.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.TestSupport;
import io.neotool.gitops.TreeValidators;
import io.neotool.gitops.config.LoadedConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each check of the validator, each with a broken tree it must catch and the message it gives. */
class TreeValidatorTest {
    static final String CONFIGS = "infrastructure/production/configs/";
    static List<LoadedConfig> configs;
    static SortedMap<String, String> tree;

    @BeforeAll
    static void generate() {
        configs = List.of(TestSupport.dev(), TestSupport.production());
        tree = new TreeMap<>();
        new NeotoolGitops()
                .render(configs)
                .files()
                .forEach((path, file) -> tree.put(path, file.text()));
    }

    /** The catalog the CI builds; tests that need it say why they are skipped without it. */
    static SchemaCatalog catalog() {
        String location = System.getProperty("neotool.schemaLocation", "");
        if (location.isBlank()) {
            System.err.println(
                    "SKIPPED schema tests: no schema catalog; set -Dneotool.schemaLocation=<folder> (CI builds it with .ci/schemas.sh)");
        }
        assumeTrue(
                !location.isBlank(),
                "schema catalog not given: set -Dneotool.schemaLocation=<folder> (CI builds it with .ci/schemas.sh)");
        return SchemaCatalog.at(location, Path.of("target", "schema-cache"));
    }

    static List<ValidationProblem> problems(SchemaCatalog catalog, Map<String, String> changes) {
        SortedMap<String, String> files = new TreeMap<>(tree);
        changes.forEach(
                (path, edit) -> {
                    if (edit == null) {
                        files.remove(path);
                    } else {
                        files.put(path, edit);
                    }
                });
        return new TreeValidator(catalog, TreeValidators.rules(configs)).validate(files).problems();
    }

    static String edit(String path, String from, String to) {
        String text = tree.get(path);
        assertThat(text).as(path).contains(from);
        return text.replace(from, to);
    }

    static void assertOnly(
            List<ValidationProblem> problems,
            String file,
            String object,
            String field,
            String message) {
        assertThat(problems).as(problems.toString()).hasSize(1);
        ValidationProblem p = problems.get(0);
        assertThat(p.file()).isEqualTo(file);
        assertThat(p.object().toString()).isEqualTo(object);
        assertThat(p.field()).isEqualTo(field);
        assertThat(p.message()).contains(message);
    }

    @Test
    void theGeneratedTreesAreValid() {
        assertThat(problems(null, Map.of())).isEmpty();
    }

    @Test
    void theGeneratedTreesMatchTheSchemas() {
        SchemaCatalog catalog = catalog();
        TreeValidator.Report report =
                new TreeValidator(catalog, TreeValidators.rules(configs)).validate(tree);
        assertThat(report.problems()).isEmpty();
        assertThat(report.schemaChecked())
                .as("every object has a schema")
                .isEqualTo(report.objects());
    }

    @Test
    void unknownFieldInAHelmReleaseFailsTheSchema() {
        String file = "infrastructure/production/controllers/vault/helmrelease-vault.yaml";
        List<ValidationProblem> problems =
                problems(
                        catalog(),
                        Map.of(
                                file,
                                edit(
                                        file,
                                        "  interval: 1m\n",
                                        "  interval: 1m\n  intervall: 2m\n")));
        assertThat(problems)
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.format())
                                    .startsWith(
                                            file
                                                    + ": HelmRelease production/vault: /spec: schema helm.toolkit.fluxcd.io/v2/HelmRelease: ");
                            assertThat(p.message()).contains("intervall");
                        });
    }

    @Test
    void aKindWithoutSchemaIsAnErrorUnlessAccepted() {
        String file = "apps/production/web/widget.yaml";
        String widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n";
        String kustomization =
                edit(
                        "apps/production/web/kustomization.yaml",
                        "  - ingress-web.yaml\n",
                        "  - ingress-web.yaml\n  - widget.yaml\n");
        List<ValidationProblem> problems =
                problems(
                        catalog(),
                        Map.of(
                                file,
                                widget,
                                "apps/production/web/kustomization.yaml",
                                kustomization));
        assertThat(problems)
                .singleElement()
                .satisfies(
                        p ->
                                assertThat(p.message())
                                        .startsWith(
                                                "no schema for example.com/v1/Widget in the catalog (example.com/widget_v1.json)"));
    }

    @Test
    void deploymentSelectorMustMatchItsTemplate() {
        String file = "apps/base/web/deployment-web.yaml";
        String broken =
                tree.get(file)
                        .replaceFirst(
                                "      app.kubernetes.io/name: web\n",
                                "      app.kubernetes.io/name: webb\n");
        List<ValidationProblem> problems = problems(null, Map.of(file, broken));
        assertThat(problems)
                .as("the base is applied in both clusters")
                .extracting(ValidationProblem::object)
                .containsExactly(
                        new ObjectRef("Deployment", "neotool-dev", "web"),
                        new ObjectRef("Deployment", "production", "web"));
        assertThat(problems)
                .allSatisfy(
                        p -> {
                            assertThat(p.field()).isEqualTo("/spec/selector/matchLabels");
                            assertThat(p.message())
                                    .startsWith("expected labels that the pod template carries");
                        });
    }

    @Test
    void kustomizationPathMustExist() {
        String file = "clusters/production/web.yaml";
        assertOnly(
                problems(
                        null,
                        Map.of(
                                file,
                                edit(file, "path: ./apps/production/web", "path: ./apps/prod"))),
                file,
                "Kustomization flux-system/web",
                "/spec/path",
                "expected an existing folder of the repository, got './apps/prod'");
    }

    @Test
    void dependsOnCyclesAreReportedWithTheirPath() {
        String file = "clusters/production/namespace.yaml";
        String broken = edit(file, "spec:\n", "spec:\n  dependsOn:\n    - name: web\n");
        List<ValidationProblem> problems = problems(null, Map.of(file, broken));
        assertThat(problems)
                .extracting(ValidationProblem::message)
                .anyMatch(
                        m ->
                                m.startsWith("dependsOn cycle: ") && m.contains("web -> namespace")
                                        || m.contains("namespace -> web"));
    }

    @Test
    void dependsOnMustNameAKustomizationOfTheCluster() {
        String file = "clusters/production/web.yaml";
        String text = edit(file, "- name: namespace\n", "- name: namespac\n");
        List<ValidationProblem> problems = problems(null, Map.of(file, text));
        assertThat(problems)
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.file()).isEqualTo(file);
                            assertThat(p.message())
                                    .isEqualTo(
                                            "expected a Kustomization of this cluster, got 'flux-system/namespac'");
                        });
    }

    @Test
    void sourceRefMustResolve() {
        String file = "infrastructure/production/controllers/grafana/helmrelease-grafana.yaml";
        assertOnly(
                problems(
                        null,
                        Map.of(
                                file,
                                edit(
                                        file,
                                        "name: grafana\n      version",
                                        "name: grafana-charts\n      version"))),
                file,
                "HelmRelease production/grafana",
                "/spec/chart/spec/sourceRef",
                "expected a HelmRepository defined in the tree of cluster 'production', got HelmRepository production/grafana-charts, which is not");
    }

    @Test
    void serviceTargetPortMustNameAContainerPort() {
        String file = CONFIGS + "pgbouncer/service-pgbouncer.yaml";
        assertOnly(
                problems(
                        null,
                        Map.of(file, edit(file, "targetPort: postgres", "targetPort: pgbouncer"))),
                file,
                "Service production/pgbouncer",
                "/spec/ports/0/targetPort",
                "expected a port of the selected containers");
    }

    @Test
    void everyListedFileExistsAndEveryFileIsListed() {
        String folder = CONFIGS + "kafka/";
        Map<String, String> removed = new java.util.HashMap<>();
        removed.put(folder + "service-kafka.yaml", null);
        List<ValidationProblem> missing = problems(null, removed);
        assertThat(missing)
                .extracting(ValidationProblem::format)
                .contains(
                        folder
                                + "kustomization.yaml: /resources/3: lists 'service-kafka.yaml', which does not exist");
        String extra = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n";
        assertOnly(
                problems(null, Map.of(folder + "configmap-extra.yaml", extra)),
                folder + "kustomization.yaml",
                "",
                "/resources",
                "does not list 'configmap-extra.yaml', which is in its folder");
    }

    @Test
    void duplicateObjectsAreReported() {
        String folder = CONFIGS + "kafka/";
        String copy = tree.get(folder + "service-kafka.yaml");
        String kustomization =
                edit(
                        folder + "kustomization.yaml",
                        "  - service-kafka.yaml\n",
                        "  - service-kafka-copy.yaml\n  - service-kafka.yaml\n");
        List<ValidationProblem> problems =
                problems(
                        null,
                        Map.of(
                                folder + "service-kafka-copy.yaml",
                                copy,
                                folder + "kustomization.yaml",
                                kustomization));
        assertThat(problems)
                .extracting(ValidationProblem::message)
                .anyMatch(
                        m ->
                                m.startsWith(
                                        "the same object is also in "
                                                + folder
                                                + "service-kafka-copy.yaml"));
    }

    @Test
    void containersNeedResourcesProbesAndPinnedImages() {
        String file = CONFIGS + "pgbouncer/deployment-pgbouncer.yaml";
        String broken =
                tree.get(file)
                        .replace("edoburu/pgbouncer:v1.25.2-p0", "edoburu/pgbouncer:latest")
                        .replaceFirst("(?s)          readinessProbe:.*?timeoutSeconds: 5\n", "");
        List<ValidationProblem> problems = problems(null, Map.of(file, broken));
        assertThat(problems)
                .extracting(ValidationProblem::field)
                .containsExactlyInAnyOrder(
                        "/spec/template/spec/containers/0/readinessProbe",
                        "/spec/template/spec/containers/0/image");
        String noLimits =
                tree.get(file)
                        .replaceAll(
                                "(?s)            limits:\n              cpu: 500m\n              memory: 128Mi\n",
                                "");
        assertThat(problems(null, Map.of(file, noLimits)))
                .extracting(ValidationProblem::message)
                .containsExactlyInAnyOrder(
                        "container 'pgbouncer' has no cpu limit",
                        "container 'pgbouncer' has no memory limit");
    }

    @Test
    void claimsUseTheClusterStorageClassAndHostsTheClusterDomain() {
        String sts = CONFIGS + "postgres/statefulset-postgres.yaml";
        assertOnly(
                problems(
                        null,
                        Map.of(
                                sts,
                                edit(
                                        sts,
                                        "storageClassName: local-path",
                                        "storageClassName: fast-ssd"))),
                sts,
                "StatefulSet production/postgres",
                "/spec/volumeClaimTemplates/0/spec/storageClassName",
                "expected the storage class 'local-path', got 'fast-ssd'");
        String ingress = "apps/production/web/ingress-web.yaml";
        assertOnly(
                problems(
                        null,
                        Map.of(
                                ingress,
                                edit(ingress, "host: app.neotool.io", "host: app.example.com"))),
                ingress,
                "Ingress production/web",
                "/spec/rules/0/host",
                "expected a host under the cluster domain 'neotool.io', got 'app.example.com'");
    }

    @Test
    void helmReleaseNamespaceMustBeCreatedUpstreamAndChartsPinned() {
        String file = CONFIGS + "unleash/helmrelease-unleash.yaml";
        assertOnly(
                problems(
                        null,
                        Map.of(
                                file,
                                edit(
                                        file,
                                        "  releaseName: unleash\n",
                                        "  releaseName: unleash\n  targetNamespace: flags\n"))),
                file,
                "HelmRelease production/unleash",
                "/spec/targetNamespace",
                "namespace 'flags' is not created by this Kustomization or one it depends on");
        String prom =
                "infrastructure/production/controllers/prometheus/helmrelease-prometheus.yaml";
        assertOnly(
                problems(null, Map.of(prom, edit(prom, "version: 25.30.2", "version: '>=25.0.0'"))),
                prom,
                "HelmRelease production/prometheus",
                "/spec/chart/spec/version",
                "expected a pinned chart version such as 1.2.3, got '>=25.0.0'");
    }

    @Test
    void noCredentialReachesTheTree() {
        String folder = CONFIGS + "kafka/";
        String kustomization =
                edit(
                        folder + "kustomization.yaml",
                        "  - job-kafka-topics.yaml\n",
                        "  - job-kafka-topics.yaml\n  - leak.yaml\n");
        String secret =
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: leak\n  namespace: production\nstringData:\n  password: hunter2\n";
        List<ValidationProblem> problems =
                problems(
                        null,
                        Map.of(
                                folder + "leak.yaml",
                                secret,
                                folder + "kustomization.yaml",
                                kustomization));
        assertThat(problems)
                .extracting(ValidationProblem::message)
                .contains(
                        "a Secret with data in Git; let the Vault agent render it in the pod instead",
                        "a literal value under a secret-looking key; secrets come from Vault");

        String deployment = CONFIGS + "pgbouncer/deployment-pgbouncer.yaml";
        String literal =
                edit(deployment, "      containers:\n", "      containers:\n")
                        .replace(
                                "          image: edoburu",
                                "          env:\n            - name: DB_PASSWORD\n              value: s3cr3t\n          image: edoburu");
        assertThat(problems(null, Map.of(deployment, literal)))
                .extracting(ValidationProblem::format)
                .anyMatch(
                        f ->
                                f.contains(
                                        "/spec/template/spec/containers/0/env/0/value: 'DB_PASSWORD' is given a literal value"));

        String configMap = CONFIGS + "pgbouncer/configmap-pgbouncer-config.yaml";
        String key =
                edit(
                        configMap,
                        "[pgbouncer]\n",
                        "[pgbouncer]\n    ;; -----BEGIN RSA PRIVATE KEY-----\n");
        String token =
                edit(
                        configMap,
                        "[pgbouncer]\n",
                        "[pgbouncer]\n    ;; auth 9fK2mQx7Lp0ZrT4vW8yB1nC6hJ3sD5gA2eR7uI9oP0qX\n");
        for (String leak : List.of(key, token)) {
            assertThat(problems(null, Map.of(configMap, leak)))
                    .extracting(ValidationProblem::message)
                    .containsExactly(
                            "this line looks like a credential; secrets come from Vault at run time, never from Git");
        }
        assertThat(problems(null, Map.of(configMap, token)).get(0).file())
                .matches(java.util.regex.Pattern.quote(configMap) + ":\\d+");
    }

    @Test
    void namesMustBeDns1123() {
        String file = "apps/base/web/service-web.yaml";
        String broken = tree.get(file).replaceFirst("  name: web\n", "  name: Web_Front\n");
        assertThat(problems(null, Map.of(file, broken)))
                .extracting(ValidationProblem::format)
                .contains(
                        file
                                + ": Service production/Web_Front: /metadata/name: expected a DNS-1123 label, got 'Web_Front'");
    }
}
