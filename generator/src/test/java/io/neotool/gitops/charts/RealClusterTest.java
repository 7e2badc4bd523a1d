package io.neotool.gitops.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neotool.gitops.Policies;
import io.neotool.gitops.TestSupport;
import io.neotool.gitops.Trees;
import io.neotool.gitops.components.postgres.PostgresSettings;
import io.neotool.gitops.components.prometheus.PrometheusSettings;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.config.load.ConfigException;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.wiring.VaultRoles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * What a real cluster does with the trees, read offline: the Vault injector's refusal of a pod that
 * names a token volume it lacks, a Secret read that nothing renders, scrape targets behind the
 * NetworkPolicies, KV mounts that are never enabled, releases racing the injector's webhook, where
 * each PostgreSQL major keeps its data, and databases of apps added to a live cluster.
 */
class RealClusterTest {

    static Stream<LoadedConfig> configs() {
        return ChartTrees.configs().stream();
    }

    /** Every object of the tree, by file. */
    static Map<String, JsonNode> objects(OutputTree tree) {
        Map<String, JsonNode> objects = new TreeMap<>();
        tree.files()
                .forEach(
                        (path, file) -> {
                            if (path.endsWith(".yaml") && !path.endsWith("kustomization.yaml")) {
                                objects.put(path, Trees.read(file.text()));
                            }
                        });
        return objects;
    }

    static List<JsonNode> kind(Map<String, JsonNode> objects, String kind) {
        return objects.values().stream()
                .filter(o -> o.path("kind").asString().equals(kind))
                .toList();
    }

    /** The pod template of a workload object, or null. */
    static JsonNode podTemplate(JsonNode object) {
        return switch (object.path("kind").asString()) {
            case "Deployment", "StatefulSet", "DaemonSet", "Job" -> object.at("/spec/template");
            case "CronJob" -> object.at("/spec/jobTemplate/spec/template");
            default -> null;
        };
    }

    /** Every map in {@code node} (depth first) that has {@code key}. */
    static void collect(JsonNode node, String key, List<JsonNode> out) {
        if (node.isObject()) {
            if (node.has(key)) {
                out.add(node.get(key));
            }
            node.properties().forEach(e -> collect(e.getValue(), key, out));
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, key, out));
        }
    }

    /** Every map in {@code node} (depth first) that has {@code key}: the maps themselves. */
    static void holders(JsonNode node, String key, List<JsonNode> out) {
        if (node.isObject()) {
            if (node.has(key)) {
                out.add(node);
            }
            node.properties().forEach(e -> holders(e.getValue(), key, out));
        } else if (node.isArray()) {
            node.forEach(n -> holders(n, key, out));
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void theInjectorFindsEveryTokenVolumeAPodNames(LoadedConfig config) {
        Map<String, JsonNode> objects = objects(Trees.generate(config));
        int checked = 0;
        for (var entry : objects.entrySet()) {
            JsonNode template = podTemplate(entry.getValue());
            if (template == null
                    || !template.at("/metadata/annotations")
                            .has(VaultInjection.TOKEN_VOLUME_ANNOTATION)) {
                continue;
            }
            String volume =
                    template.at("/metadata/annotations")
                            .get(VaultInjection.TOKEN_VOLUME_ANNOTATION)
                            .asString();
            List<String> names = new ArrayList<>();
            template.at("/spec/volumes").forEach(v -> names.add(v.path("name").asString()));
            assertThat(names)
                    .as("%s names token volume %s", entry.getKey(), volume)
                    .contains(volume);
            checked++;
        }
        for (JsonNode release : kind(objects, "HelmRelease")) {
            List<JsonNode> podAnnotations = new ArrayList<>();
            collect(release.at("/spec/values"), "podAnnotations", podAnnotations);
            for (JsonNode annotations : podAnnotations) {
                if (!annotations.has(VaultInjection.TOKEN_VOLUME_ANNOTATION)) {
                    continue;
                }
                String volume = annotations.get(VaultInjection.TOKEN_VOLUME_ANNOTATION).asString();
                List<JsonNode> named = new ArrayList<>();
                collect(release.at("/spec/values"), "projected", named);
                List<JsonNode> volumes = new ArrayList<>();
                collect(release.at("/spec/values"), "name", volumes);
                assertThat(
                                volumes.stream()
                                        .filter(JsonNode::isString)
                                        .map(JsonNode::asString)
                                        .toList())
                        .as(
                                "HelmRelease %s names token volume %s; its values must give the pod that volume",
                                release.at("/metadata/name").asString(), volume)
                        .contains(volume);
                assertThat(named)
                        .as(
                                "the token volume of %s is a projected token",
                                release.at("/metadata/name").asString())
                        .isNotEmpty();
                checked++;
            }
        }
        assertThat(checked).as("Vault-injected pods checked").isPositive();
    }

    @ParameterizedTest
    @MethodSource("configs")
    void grafanaReadsNoAdminSecretThatTheChartDoesNotRender(LoadedConfig config) {
        // grafana 8.4.8: with GF_SECURITY_ADMIN_PASSWORD__FILE set, _config.tpl renders no admin
        // Secret,
        // while _pod.tpl still reads GF_SECURITY_ADMIN_USER from it unless env sets it.
        String cluster = config.config().cluster().name();
        JsonNode values =
                Trees.yaml(
                                Trees.generate(config),
                                "infrastructure/"
                                        + cluster
                                        + "/controllers/grafana/helmrelease-grafana.yaml")
                        .at("/spec/values");
        assertThat(values.at("/env/GF_SECURITY_ADMIN_PASSWORD__FILE").isMissingNode()).isFalse();
        assertThat(values.at("/admin/existingSecret").isMissingNode()).isTrue();
        assertThat(values.at("/env/GF_SECURITY_ADMIN_USER").asString()).isEqualTo("admin");
    }

    @ParameterizedTest
    @MethodSource("configs")
    void everyScrapeTargetIsReachableUnderTheNetworkPolicies(LoadedConfig config) {
        Map<String, JsonNode> objects = objects(Trees.generate(config));
        String namespace = config.config().namespace();
        Map<String, JsonNode> policies = new TreeMap<>();
        kind(objects, "NetworkPolicy")
                .forEach(
                        p ->
                                policies.put(
                                        p.at("/metadata/namespace").asString()
                                                + "/"
                                                + p.at("/metadata/name").asString(),
                                        p));
        Policies network = new Policies(Trees.generate(config));
        Policies.Pod prometheus =
                Policies.Pod.of(
                        namespace,
                        "app.kubernetes.io/instance",
                        "prometheus",
                        "app.kubernetes.io/name",
                        "prometheus",
                        "app.kubernetes.io/component",
                        "server");
        // target pod -> port
        Map<String, Integer> targets = new TreeMap<>();
        Map<String, Policies.Pod> pods = new TreeMap<>();
        for (JsonNode object : objects.values()) {
            JsonNode template = podTemplate(object);
            if (template != null
                    && template.at("/metadata/annotations/prometheus.io~1scrape")
                            .asString()
                            .equals("true")) {
                String instance =
                        template.at("/metadata/labels/app.kubernetes.io~1instance").asString();
                Map<String, String> labels = new TreeMap<>();
                template.at("/metadata/labels")
                        .properties()
                        .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
                pods.put(instance, new Policies.Pod(namespace, labels));
                targets.put(
                        instance,
                        Integer.parseInt(
                                template.at("/metadata/annotations/prometheus.io~1port")
                                        .asString()));
            }
        }
        for (JsonNode release : kind(objects, "HelmRelease")) {
            // the pod annotations of a chart sit where the chart reads them: podAnnotations,
            // server.annotations (Vault), loki.podAnnotations (Loki)
            List<JsonNode> annotated = new java.util.ArrayList<>();
            holders(release.at("/spec/values"), "prometheus.io/scrape", annotated);
            for (JsonNode scrape : annotated) {
                if (scrape.path("prometheus.io/scrape").asString().equals("true")) {
                    String name = release.at("/metadata/name").asString();
                    pods.put(name, Policies.Pod.workload(namespace, name));
                    targets.put(
                            name, Integer.parseInt(scrape.path("prometheus.io/port").asString()));
                }
            }
        }
        operatorTargets(objects, namespace, pods, targets);
        if (config.config().infrastructure().enabled(PostgresSettings.class)) {
            assertThat(targets)
                    .containsKeys(
                            "postgres", "pgbouncer", "kafka-exporter", "vault", "loki", "grafana");
        }
        assertThat(targets).as("scrape targets of %s", config.source()).isNotEmpty();
        targets.forEach(
                (workload, port) -> {
                    assertThat(network.allows(prometheus, pods.get(workload), port))
                            .as("Prometheus may connect to %s:%d", workload, port)
                            .isTrue();
                    assertThat(network.allows(prometheus, pods.get(workload), port + 1))
                            .as("Prometheus may not connect to %s:%d", workload, port + 1)
                            .isFalse();
                });
        JsonNode prometheusRelease =
                objects.get(
                        "infrastructure/"
                                + config.config().cluster().name()
                                + "/controllers/prometheus/helmrelease-prometheus.yaml");
        if (prometheusRelease.at("/spec/values/prometheus-node-exporter/enabled").asBoolean()) {
            // node-exporter listens on the node's address (host network), port 9100 (the chart's
            // service.port)
            JsonNode policy = policies.get(namespace + "/prometheus");
            assertThat(policy).as("Prometheus' policy").isNotNull();
            assertThat(allowsAddresses(policy.at("/spec/egress"), 9100))
                    .as("Prometheus may reach node-exporter on the node")
                    .isTrue();
        }
    }

    /**
     * The scrape targets whose pods an operator makes from a custom resource (three nodes): the
     * annotations where the resource carries them to its pods, and the labels the operator gives
     * the pods (CloudNativePG 1.30 pkg/specs, Strimzi 0.44's labels), so that the policies are
     * checked against the pods that will run.
     */
    private static void operatorTargets(
            Map<String, JsonNode> objects,
            String namespace,
            Map<String, Policies.Pod> pods,
            Map<String, Integer> targets) {
        for (JsonNode object : objects.values()) {
            String kind = object.path("kind").asString("");
            String name = object.at("/metadata/name").asString("");
            JsonNode annotations;
            Map<String, String> labels = new TreeMap<>();
            String target;
            switch (kind) {
                case "Cluster" -> {
                    annotations = object.at("/spec/inheritedMetadata/annotations");
                    labels.put("cnpg.io/cluster", name);
                    labels.put("cnpg.io/podRole", "instance");
                    target = name;
                }
                case "Pooler" -> {
                    annotations = object.at("/spec/template/metadata/annotations");
                    labels.put("cnpg.io/cluster", object.at("/spec/cluster/name").asString());
                    labels.put("cnpg.io/poolerName", name);
                    labels.put("cnpg.io/podRole", "pooler");
                    target = name;
                }
                case "Kafka" -> {
                    annotations =
                            object.at("/spec/kafkaExporter/template/pod/metadata/annotations");
                    labels.put("strimzi.io/cluster", name);
                    labels.put("strimzi.io/kind", "Kafka");
                    labels.put("strimzi.io/name", name + "-kafka-exporter");
                    target = "kafka-exporter";
                }
                default -> {
                    continue;
                }
            }
            if (annotations.path("prometheus.io/scrape").asString("").equals("true")) {
                pods.put(target, new Policies.Pod(namespace, labels));
                targets.put(
                        target,
                        Integer.parseInt(annotations.path("prometheus.io/port").asString()));
            }
        }
    }

    private static boolean allows(JsonNode rules, String direction, String instance, int port) {
        for (JsonNode rule : rules) {
            boolean peer = false;
            for (JsonNode p : rule.path(direction)) {
                peer |=
                        p.at("/podSelector/matchLabels/app.kubernetes.io~1instance")
                                .asString()
                                .equals(instance);
            }
            boolean portOk = false;
            for (JsonNode p : rule.path("ports")) {
                portOk |= p.path("port").asInt() == port;
            }
            if (peer && portOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowsAddresses(JsonNode rules, int port) {
        for (JsonNode rule : rules) {
            boolean any = false;
            for (JsonNode p : rule.path("to")) {
                any |=
                        p.at("/ipBlock/cidr").asString().equals("0.0.0.0/0")
                                && p.at("/ipBlock/except").isMissingNode();
            }
            for (JsonNode p : rule.path("ports")) {
                if (any && p.path("port").asInt() == port) {
                    return true;
                }
            }
        }
        return false;
    }

    @ParameterizedTest
    @MethodSource("configs")
    void everyKvMountTheConfigReadsIsEnabled(LoadedConfig config) {
        String script =
                Trees.generate(config)
                        .get("clusters/" + config.config().cluster().name() + "/vault-policies.sh")
                        .text();
        var mounts = VaultRoles.mounts(VaultRoles.of(config.config()));
        assertThat(mounts).isNotEmpty();
        mounts.forEach(
                mount ->
                        assertThat(script)
                                .contains("vault secrets enable -path=" + mount + " kv-v2"));
    }

    @Test
    void aSecondKvMountIsEnabledBesideTheFirst() {
        assertThat(VaultRoles.mounts(VaultRoles.of(ChartTrees.postgres17().config())))
                .containsExactly("kv", "secret");
    }

    @ParameterizedTest
    @MethodSource("configs")
    void releasesTheInjectorServesWaitForVault(LoadedConfig config) {
        Map<String, JsonNode> objects = objects(Trees.generate(config));
        int injected = 0;
        for (JsonNode release : kind(objects, "HelmRelease")) {
            String name = release.at("/metadata/name").asString();
            if (name.equals("vault")) {
                assertThat(release.at("/spec/install/disableWait").isMissingNode())
                        .as("the Vault release is ready only with its injector")
                        .isTrue();
                continue;
            }
            List<JsonNode> podAnnotations = new ArrayList<>();
            collect(release.at("/spec/values"), "podAnnotations", podAnnotations);
            if (podAnnotations.stream()
                    .anyMatch(
                            a ->
                                    a.path("vault.hashicorp.com/agent-inject")
                                            .asString()
                                            .equals("true"))) {
                assertThat(release.at("/spec/dependsOn/0/name").asString())
                        .as("%s waits for Vault's injector", name)
                        .isEqualTo("vault");
                injected++;
            }
        }
        int alertmanager =
                config.config().infrastructure().require(PrometheusSettings.class).alertmanager()
                                == null
                        ? 0
                        : 1;
        assertThat(injected)
                .as("injected releases (Grafana, Unleash, and Prometheus for its Alertmanager)")
                .isEqualTo(2 + alertmanager);
    }

    @Test
    void postgres18KeepsItsDataOnTheClaimAtTheImagesVolume() {
        JsonNode container =
                Trees.yaml(
                                Trees.generate(TestSupport.production()),
                                "infrastructure/production/configs/postgres/statefulset-postgres.yaml")
                        .at("/spec/template/spec/containers/0");
        assertThat(mount(container, "data")).isEqualTo("/var/lib/postgresql");
        assertThat(env(container, "PGDATA"))
                .as("18's default /var/lib/postgresql/18/docker is on the claim")
                .isNull();
    }

    @Test
    void postgres17KeepsItsDataOnTheClaimNotInAnAnonymousVolume() {
        JsonNode container =
                Trees.yaml(
                                Trees.generate(ChartTrees.postgres17()),
                                "infrastructure/eu-west/configs/postgres/statefulset-postgres.yaml")
                        .at("/spec/template/spec/containers/0");
        assertThat(container.path("image").asString()).isEqualTo("postgres:17.6");
        assertThat(mount(container, "data"))
                .as("the image's declared VOLUME")
                .isEqualTo("/var/lib/postgresql/data");
        assertThat(env(container, "PGDATA")).startsWith("/var/lib/postgresql/data/");
    }

    @Test
    void aPostgresMajorTheGeneratorDoesNotKnowIsRefused() {
        String yaml =
                TestSupport.productionText()
                        .replace("image: postgres:18rc1", "image: postgres:12.22");
        assertThatThrownBy(() -> TestSupport.parse(yaml))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .singleElement()
                                        .satisfies(
                                                p -> {
                                                    assertThat(p.path())
                                                            .isEqualTo(
                                                                    "infrastructure.postgres.image");
                                                    assertThat(p.hint())
                                                            .contains("13, 14, 15, 16, 17, 18");
                                                }));
    }

    private static String mount(JsonNode container, String volume) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("name").asString().equals(volume)) {
                return m.path("mountPath").asString();
            }
        }
        return null;
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asString().equals(name)) {
                return e.path("value").asString();
            }
        }
        return null;
    }

    @Test
    void anAppAddedToALiveClusterGetsItsDatabaseFromTheRerunJob() {
        String added =
                TestSupport.productionText()
                        .replace(
                                "\nbackups:\n",
                                """

                  - name: billing-service
                    type: kotlin
                    image: ghcr.io/neotool/billing-service:0.3.0
                    port: 8080
                    resources:
                      requests: { cpu: 100m, memory: 256Mi }
                      limits: { cpu: 500m, memory: 512Mi }
                    uses:
                      database: { name: billing, password: { path: secret/data/apps/billing-service/database, key: password } }

                backups:
                """);
        String job = "apps/production/billing-service-database/job-billing-service-database.yaml";
        String script =
                "infrastructure/production/configs/postgres/configmap-postgres-databases.yaml";
        String shared = "infrastructure/production/configs/postgres/job-postgres-databases.yaml";
        OutputTree before = Trees.generate(TestSupport.production());
        OutputTree after = Trees.generate(TestSupport.parse(added));
        assertThat(before.get(job)).isNull();
        JsonNode jobAfter = Trees.yaml(after, job);
        assertThat(
                        jobAfter.at("/metadata/annotations/kustomize.toolkit.fluxcd.io~1force")
                                .asString())
                .as("Flux recreates the Job when its template changes")
                .isEqualTo("enabled");
        assertThat(
                        jobAfter.at(
                                        "/spec/template/metadata/annotations/vault.hashicorp.com~1agent-inject-secret-db-billing")
                                .asString())
                .isEqualTo("secret/data/apps/billing-service/database");
        // the shared Job runs again for PgBouncer's lookup of the new owner, reading no app's
        // secret
        JsonNode sharedBefore = Trees.yaml(before, shared);
        JsonNode sharedAfter = Trees.yaml(after, shared);
        assertThat(
                        sharedAfter
                                .at("/spec/template/metadata/annotations/checksum~1script")
                                .asString())
                .isNotEqualTo(
                        sharedBefore
                                .at("/spec/template/metadata/annotations/checksum~1script")
                                .asString());
        assertThat(sharedAfter.at("/spec/template/metadata/annotations").toString())
                .doesNotContain("secret/data/apps/");
        JsonNode flux = Trees.yaml(after, "clusters/production/billing-service.yaml");
        assertThat(flux.at("/spec/dependsOn").toString())
                .as("the app waits for its database, and the database for the server")
                .contains("billing-service-database", "pgbouncer");
        assertThat(jobAfter.at("/spec/template/spec/containers/0/command").toString())
                .contains("\"billing\",\"/vault/secrets/db-billing\"");
        String text = Trees.yaml(after, script).at("/data/ensure-database.sh").asString();
        assertThat(text)
                .contains(
                        "ensure_database \"$1\" \"$2\"",
                        "WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name')",
                        "WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'name')");
        JsonNode policy =
                Trees.yaml(
                        after,
                        "infrastructure/production/controllers/network-policies/networkpolicy-postgres-databases.yaml");
        assertThat(allows(policy.at("/spec/egress"), "to", "postgres", 5432)).isTrue();
    }

    @Test
    void theRunbooksPortForwardsWork() {
        // kubectl port-forward -n production svc/grafana 3000:80 and svc/prometheus 9090:9090
        JsonNode grafanaChart =
                ChartValuesTest.Chart.load(ChartData.folder("grafana", "8.4.8")).values();
        assertThat(grafanaChart.at("/service/port").asInt()).isEqualTo(80);
        OutputTree tree = Trees.generate(TestSupport.production());
        JsonNode grafana =
                Trees.yaml(
                        tree,
                        "infrastructure/production/controllers/grafana/helmrelease-grafana.yaml");
        assertThat(grafana.at("/spec/releaseName").asString())
                .as("the chart names its Service after the release")
                .isEqualTo("grafana");
        assertThat(grafana.at("/spec/values/service").isMissingNode()).isTrue();
        assertThat(grafana.at("/spec/values/fullnameOverride").isMissingNode()).isTrue();
        JsonNode prometheus =
                Trees.yaml(
                        tree,
                        "infrastructure/production/controllers/prometheus/helmrelease-prometheus.yaml");
        assertThat(prometheus.at("/spec/values/server/fullnameOverride").asString())
                .isEqualTo("prometheus");
        assertThat(prometheus.at("/spec/values/server/service/servicePort").asInt())
                .isEqualTo(9090);
        // kubectl port-forward -n production svc/vault 8200:8200, kubectl exec vault-0
        JsonNode vault =
                Trees.yaml(
                        tree, "infrastructure/production/controllers/vault/helmrelease-vault.yaml");
        JsonNode vaultChart =
                ChartValuesTest.Chart.load(
                                ChartData.folder(
                                        "vault", vault.at("/spec/chart/spec/version").asString()))
                        .values();
        assertThat(vaultChart.at("/server/service/port").asInt()).isEqualTo(8200);
        assertThat(vault.at("/spec/releaseName").asString())
                .as("the chart names its Service and StatefulSet (vault-0) after the release")
                .isEqualTo("vault");
        assertThat(vault.at("/spec/values/fullnameOverride").isMissingNode()).isTrue();
    }
}
