package io.neotool.gitops.wiring;

import static io.neotool.gitops.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.Policies;
import io.neotool.gitops.TestSupport;
import io.neotool.gitops.Trees;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.render.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Least privilege, derived from the config: pod security, network paths, Vault identity. */
class SecurityTest {
    static final String POLICIES = "infrastructure/production/controllers/network-policies/";

    static List<String> edges(LoadedConfig config) {
        return NetworkGraph.of(Wiring.context(config, new Templates())).stream()
                .map(Object::toString)
                .toList();
    }

    @Test
    void anAppWithoutADatabaseHasNoPathToPgBouncerAndDeclaringOneOpensExactlyIt() {
        LoadedConfig before = TestSupport.production();
        assertThat(edges(before)).noneMatch(e -> e.startsWith("web -> pgbouncer"));
        String yaml =
                TestSupport.productionText()
                        .replace(
                                "    uses:\n      graphql: true\n",
                                "    uses:\n      database: { name: web, password: { path: secret/data/apps/web/database, key: password } }\n      graphql: true\n");
        LoadedConfig after = TestSupport.parse(yaml);
        List<String> added = new ArrayList<>(edges(after));
        added.removeAll(edges(before));
        assertThat(added).containsExactly("web -> pgbouncer:5432");
        List<String> removed = new ArrayList<>(edges(before));
        removed.removeAll(edges(after));
        assertThat(removed).isEmpty();

        // evaluated as the network plugin does: web reaches PgBouncer after, not before
        Policies.Pod web = Policies.Pod.workload("production", "web");
        Policies.Pod pgbouncer = Policies.Pod.workload("production", "pgbouncer");
        assertThat(new Policies(Trees.generate(before)).allows(web, pgbouncer, 5432)).isFalse();
        assertThat(new Policies(Trees.generate(after)).allows(web, pgbouncer, 5432)).isTrue();
        assertThat(new Policies(Trees.generate(after)).allows(web, pgbouncer, 6432)).isFalse();
    }

    @Test
    void theGraphFollowsTheDeclaredDependencies() {
        assertThat(edges(TestSupport.production()))
                .contains(
                        "app-service -> kafka:9092",
                        "app-service -> unleash:4242",
                        "web -> apollo-router:4000",
                        "traefik -> web:3000",
                        "traefik -> grafana:3000",
                        "apollo-router -> app-service:8080",
                        "apollo-router -> security-service:8080",
                        "prometheus -> app-service:8081",
                        "pgbouncer -> postgres:5432",
                        "database-backup -> postgres:5432",
                        "database-backup -> internet:443",
                        "kafka-topics -> kafka:9092",
                        "promtail -> loki:3100",
                        "grafana -> prometheus:9090")
                .doesNotContain(
                        "web -> kafka:9092",
                        "web -> pgbouncer:5432",
                        "traefik -> app-service:8080");
        assertThat(edges(TestSupport.dev()))
                .contains("database-backup -> minio:9000")
                .doesNotContain("database-backup -> internet:443");
    }

    @Test
    void postgresAcceptsOnlyPgBouncerAndTheBackupAndEverythingElseIsDenied() {
        OutputTree tree = Trees.generate(TestSupport.production());
        JsonNode deny = yaml(tree, POLICIES + "networkpolicy-default-deny.yaml");
        assertThat(deny.at("/spec/podSelector").isEmpty()).isTrue();
        assertThat(deny.at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
        assertThat(deny.at("/spec/ingress").isMissingNode()).isTrue();
        JsonNode postgres = yaml(tree, POLICIES + "networkpolicy-postgres.yaml");
        List<String> from = new ArrayList<>();
        postgres.at("/spec/ingress")
                .forEach(
                        rule ->
                                from.add(
                                        rule.at(
                                                                "/from/0/podSelector/matchLabels/app.kubernetes.io~1instance")
                                                        .asString()
                                                + ":"
                                                + rule.at("/ports/0/port").asInt()));
        // Prometheus reaches the exporter's port only, never PostgreSQL's
        assertThat(from)
                .containsExactly(
                        "database-backup:5432",
                        "pgbouncer:5432",
                        "postgres-databases:5432",
                        "prometheus:9187");
        // the public web app accepts Traefik (kube-system) on its port, and nothing else
        Policies network = new Policies(tree);
        Policies.Pod web = Policies.Pod.workload("production", "web");
        Policies.Pod traefik = Policies.Pod.of("kube-system", "app.kubernetes.io/name", "traefik");
        assertThat(network.allows(traefik, web, 3000)).isTrue();
        assertThat(network.allows(traefik, web, 8080)).isFalse();
        assertThat(
                        network.allows(
                                Policies.Pod.of("production", "app.kubernetes.io/name", "traefik"),
                                web,
                                3000))
                .isFalse();
        assertThat(network.allows(Policies.Pod.workload("production", "app-service"), web, 3000))
                .isFalse();
        JsonNode dns = yaml(tree, POLICIES + "networkpolicy-allow-dns.yaml");
        assertThat(dns.at("/spec/egress/0/ports").toString())
                .contains("\"port\":53,\"protocol\":\"UDP\"");
    }

    @Test
    void plainWorkloadsMeetTheRestrictedStandardUnlessTheConfigDeclaresAnExemption() {
        OutputTree tree = Trees.generate(TestSupport.production());
        for (String file :
                List.of(
                        "configs/postgres/statefulset-postgres.yaml",
                        "configs/pgbouncer/deployment-pgbouncer.yaml")) {
            JsonNode c =
                    yaml(tree, "infrastructure/production/" + file)
                            .at("/spec/template/spec/containers/0/securityContext");
            assertThat(c.path("readOnlyRootFilesystem").asBoolean()).as(file).isTrue();
            assertThat(c.path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(c.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(c.at("/capabilities/drop/0").asString()).isEqualTo("ALL");
            assertThat(c.at("/seccompProfile/type").asString()).isEqualTo("RuntimeDefault");
        }
        JsonNode kafka =
                yaml(tree, "infrastructure/production/configs/kafka/statefulset-kafka.yaml")
                        .at("/spec/template/spec/containers/0/securityContext");
        assertThat(kafka.path("readOnlyRootFilesystem").asBoolean(true))
                .as("exempted in the config, with its reason")
                .isFalse();
        String strict =
                TestSupport.productionText()
                        .replaceFirst(
                                "(?s)    exemptions:\n      - control: readOnlyRootFilesystem\n        reason: [^\n]*\n",
                                "");
        JsonNode noExemption =
                yaml(
                        Trees.generate(TestSupport.parse(strict)),
                        "infrastructure/production/configs/kafka/statefulset-kafka.yaml");
        assertThat(
                        noExemption
                                .at(
                                        "/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem")
                                .asBoolean())
                .isTrue();
    }

    @Test
    void theNeotoolNamespaceEnforcesRestrictedAndOnlyTheNodeAgentsNamespaceIsPrivileged() {
        OutputTree tree = Trees.generate(TestSupport.production());
        JsonNode ns =
                yaml(
                        tree,
                        "infrastructure/production/controllers/namespace/namespace-production.yaml");
        assertThat(ns.at("/metadata/labels/pod-security.kubernetes.io~1enforce").asString())
                .isEqualTo("restricted");
        assertThat(ns.at("/metadata/labels/pod-security.kubernetes.io~1warn").asString())
                .isEqualTo("restricted");
        assertThat(ns.at("/metadata/labels/pod-security.kubernetes.io~1audit-version").asString())
                .isEqualTo("v1.33");
        JsonNode agents =
                yaml(
                        tree,
                        "infrastructure/production/controllers/namespace/namespace-production-agents.yaml");
        assertThat(agents.at("/metadata/labels/pod-security.kubernetes.io~1enforce").asString())
                .as("promtail and node-exporter need the host")
                .isEqualTo("privileged");
        assertThat(
                        yaml(
                                        tree,
                                        "infrastructure/production/controllers/promtail/helmrelease-promtail.yaml")
                                .at("/spec/targetNamespace")
                                .asString())
                .isEqualTo("production-agents");
        assertThat(
                        yaml(
                                        tree,
                                        "infrastructure/production/controllers/prometheus/helmrelease-prometheus.yaml")
                                .at("/spec/values/prometheus-node-exporter/namespaceOverride")
                                .asString())
                .isEqualTo("production-agents");
        String quiet =
                TestSupport.productionText()
                        .replace(
                                "  promtail:\n    chartVersion",
                                "  promtail:\n    enabled: false\n    chartVersion")
                        .replace(
                                "  prometheus:\n    chartVersion",
                                "  prometheus:\n    enabled: false\n    chartVersion")
                        .replace(
                                "  grafana:\n    chartVersion",
                                "  grafana:\n    enabled: false\n    chartVersion")
                        .replace("    metricsPort: 8081\n", "");
        OutputTree noAgents = Trees.generate(TestSupport.parse(quiet));
        assertThat(
                        noAgents.get(
                                "infrastructure/production/controllers/namespace/namespace-production-agents.yaml"))
                .as("no node agents, no privileged namespace")
                .isNull();
    }

    @Test
    void eachWorkloadGetsAVaultRoleThatReadsOnlyItsOwnPaths() {
        var roles = VaultRoles.of(TestSupport.production().config());
        assertThat(roles)
                .containsOnlyKeys(
                        "alertmanager",
                        "app-service",
                        "database-backup",
                        "grafana",
                        "pgbouncer",
                        "postgres",
                        "postgres-databases",
                        "security-service",
                        "unleash",
                        "vault-snapshot",
                        "web");
        assertThat(roles.get("postgres")).containsExactly("secret/data/postgres/superuser");
        assertThat(roles.get("vault-snapshot"))
                .as("Vault's snapshot and the bucket's keys, no other secret")
                .containsExactly("secret/data/backups/r2", "sys/storage/raft/snapshot");
        assertThat(roles.get("web")).containsExactly("secret/data/apps/web/unleash");
        assertThat(roles.get("alertmanager"))
                .containsExactly("secret/data/alerting/slack", "secret/data/alerting/smtp");
        assertThat(roles.get("pgbouncer")).containsExactly("secret/data/postgres/pgbouncer");
        assertThat(roles.get("database-backup"))
                .containsExactly("secret/data/backups/r2", "secret/data/postgres/superuser");
        String script =
                Trees.generate(TestSupport.production())
                        .get("clusters/production/vault-policies.sh")
                        .text();
        assertThat(script)
                .contains(
                        "vault write auth/kubernetes/role/web \\\n  bound_service_account_names=web \\\n  bound_service_account_namespaces=production",
                        "path \"secret/data/apps/web/unleash\" {\n  capabilities = [\"read\"]\n}");
    }

    @Test
    void aRandomLookingTokenInAnAppsEnvIsAConfigError() {
        String yaml =
                TestSupport.productionText()
                        .replace(
                                "      NODE_ENV: production\n",
                                "      NODE_ENV: production\n      SENTRY_KEY_ID: 9fK2mQx7Lp0ZrT4vW8yB1nC6hJ3sD5gA2eR7uI9oP0qX\n");
        try {
            TestSupport.parse(yaml);
            throw new AssertionError("accepted");
        } catch (io.neotool.gitops.config.load.ConfigException e) {
            assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                            p -> {
                                assertThat(p.path()).isEqualTo("apps[2].env.SENTRY_KEY_ID");
                                assertThat(p.message())
                                        .isEqualTo("the value looks like a credential");
                            });
        }
    }

    @Test
    void podsMountNoApiTokenAndTheVaultAgentGetsAProjectedOne() {
        OutputTree tree = Trees.generate(TestSupport.production());
        JsonNode pod =
                yaml(tree, "apps/base/app-service/deployment-app-service.yaml")
                        .at("/spec/template");
        assertThat(pod.at("/spec/automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(
                        pod.at(
                                        "/metadata/annotations/vault.hashicorp.com~1agent-service-account-token-volume-name")
                                .asString())
                .isEqualTo("vault-token");
        assertThat(pod.at("/spec/volumes").toString())
                .contains("\"name\":\"vault-token\"", "\"serviceAccountToken\"");
        JsonNode sa = yaml(tree, "apps/base/app-service/serviceaccount-app-service.yaml");
        assertThat(sa.path("automountServiceAccountToken").asBoolean(true)).isFalse();
    }

    /**
     * Vault takes only tokens made for it: every role requires the audience, and every pod that
     * asks for secrets hands its agent a projected token with that audience (an API token, which a
     * chart may still mount, is refused by the role).
     */
    @Test
    void everyVaultLoginUsesATokenMadeForVault() {
        for (LoadedConfig config : List.of(TestSupport.production(), TestSupport.dev())) {
            OutputTree tree = Trees.generate(config);
            String cluster = config.config().cluster().name();
            String script = tree.get("clusters/" + cluster + "/vault-policies.sh").text();
            int roles = script.split("vault write auth/kubernetes/role/", -1).length - 1;
            assertThat(
                            script.split(java.util.regex.Pattern.quote("  audience=vault \\\n"), -1)
                                            .length
                                    - 1)
                    .as("roles with audience=vault in %s", cluster)
                    .isEqualTo(roles)
                    .isPositive();
            int injected = 0;
            for (String path : tree.files().keySet()) {
                if (!path.endsWith(".yaml")
                        || !tree.get(path).text().contains("agent-inject: \"true\"")) {
                    continue;
                }
                String text = yaml(tree, path).toString();
                assertThat(text)
                        .as(path)
                        .contains(
                                "\"vault.hashicorp.com/agent-service-account-token-volume-name\":\"vault-token\"")
                        .containsPattern(
                                "\\{\"name\":\"vault-token\",\"projected\":\\{\"sources\":\\[\\{\"serviceAccountToken\":\\{\"audience\":\"vault\"");
                injected++;
            }
            assertThat(injected).as("files with injected pods in %s", cluster).isGreaterThan(5);
        }
    }

    /**
     * Every pair of workloads and every port any path uses: the policies let a connection through
     * exactly when the graph has an edge between workloads whose labels the two pods carry (a Helm
     * release's workload, selected by its instance label, covers its subcharts' pods too), the
     * apps' shared policies included.
     */
    @Test
    void thePoliciesAllowExactlyTheEdgesOfTheGraph() {
        for (LoadedConfig config : List.of(TestSupport.production(), TestSupport.dev())) {
            var c = config.config();
            Policies network = new Policies(Trees.generate(config));
            java.util.Set<String> edges = new java.util.HashSet<>(edges(config));
            java.util.Set<Integer> ports = new java.util.TreeSet<>();
            NetworkGraph.of(Wiring.context(config, new Templates()))
                    .forEach(e -> ports.add(e.port()));
            var selectors = NetworkGraph.selectors(c);
            // the pods: our workloads carry the part-of label beside their selector's labels
            Map<String, Map<String, String>> labels = new java.util.TreeMap<>();
            selectors.forEach(
                    (w, selector) -> {
                        Map<String, String> pod = new java.util.TreeMap<>(selector);
                        if (selector.containsKey("app.kubernetes.io/name")) {
                            pod.put("app.kubernetes.io/part-of", Context.PART_OF);
                        }
                        labels.put(w, pod);
                    });
            int allowed = 0;
            for (var from : selectors.entrySet()) {
                for (var to : selectors.entrySet()) {
                    Policies.Pod a =
                            new Policies.Pod(
                                    NetworkGraph.namespace(c, from.getKey()),
                                    labels.get(from.getKey()));
                    Policies.Pod b =
                            new Policies.Pod(
                                    NetworkGraph.namespace(c, to.getKey()),
                                    labels.get(to.getKey()));
                    for (int port : ports) {
                        String edge = from.getKey() + " -> " + to.getKey() + ":" + port;
                        boolean expected = false;
                        for (var x : selectors.entrySet()) {
                            for (var y : selectors.entrySet()) {
                                expected |=
                                        covers(
                                                        x.getValue(),
                                                        a,
                                                        NetworkGraph.namespace(c, x.getKey()))
                                                && covers(
                                                        y.getValue(),
                                                        b,
                                                        NetworkGraph.namespace(c, y.getKey()))
                                                && edges.contains(
                                                        x.getKey()
                                                                + " -> "
                                                                + y.getKey()
                                                                + ":"
                                                                + port);
                            }
                        }
                        boolean allows = network.allows(a, b, port);
                        assertThat(allows)
                                .as("%s in %s", edge, config.source())
                                .isEqualTo(expected);
                        allowed += allows ? 1 : 0;
                    }
                }
            }
            assertThat(allowed).as("connections allowed in %s", config.source()).isGreaterThan(20);
        }
    }

    /** Whether a workload's selector picks the pod. */
    private static boolean covers(
            Map<String, String> selector, Policies.Pod pod, String namespace) {
        return pod.namespace().equals(namespace)
                && pod.labels().entrySet().containsAll(selector.entrySet());
    }
}
