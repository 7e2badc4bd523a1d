package io.neotool.gitops.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.GenerationRequest;
import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.TestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review a pull request gets: identity over position, text as text, dangers first, versions by
 * component.
 */
class ReviewDiffTest {
    static final String ADDED_APP =
            """
              - name: billing-service
                type: kotlin
                image: ghcr.io/neotool/billing-service:0.3.0
                port: 8080
                metricsPort: 8081
                replicas: 2
                resources:
                  requests: { cpu: 250m, memory: 512Mi }
                  limits: { cpu: "1", memory: 1Gi }
                uses:
                  database: { name: billing, password: { path: secret/data/apps/billing-service/database, key: password } }
                  kafkaTopics: [billing.invoices, security.user-events]

              - name: app-service
            """;

    @TempDir Path work;

    private Path config;

    private SemanticDiff.Report change(String env, String from, String to) throws IOException {
        if (config == null) {
            config = TestSupport.copyConfigs(work);
            new NeotoolGitops().generate(new GenerationRequest(config, work, null));
        }
        Path file = config.resolve(env + ".yaml");
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
        return new NeotoolGitops().diff(config, work, null);
    }

    private static List<String> statuses(SemanticDiff.Report report) {
        return report.objects().stream().map(o -> o.status() + " " + o.object()).toList();
    }

    /** The object's one change: {@code value} inserted at {@code field}. */
    private static void assertOnlyInserted(ObjectDiff object, String field, String value) {
        assertThat(object.changes())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.field()).isEqualTo(field);
                            assertThat(c.after()).isEqualTo(value);
                        });
    }

    private static ObjectDiff object(SemanticDiff.Report report, String name) {
        return report.objects().stream()
                .filter(o -> o.object().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no change to " + name + " in " + statuses(report)));
    }

    @Test
    void addingAnAppInTheMiddleReportsTheNewObjectsAndTheEntriesItAddsAndNothingElse()
            throws IOException {
        SemanticDiff.Report report = change("production", "  - name: app-service\n", ADDED_APP);
        assertThat(statuses(report))
                .containsExactlyInAnyOrder(
                        "ADDED Deployment billing-service",
                        "ADDED Service billing-service",
                        "ADDED ServiceAccount billing-service",
                        "ADDED kustomization apps/base/billing-service",
                        "CHANGED ConfigMap production/database-backup-script",
                        "CHANGED ConfigMap production/pgbouncer-config",
                        "CHANGED ConfigMap production/postgres-databases",
                        "CHANGED Deployment production/pgbouncer",
                        // it is watched: the Kotlin dashboard lists it, its alerts name it
                        "CHANGED ConfigMap production/grafana-dashboards",
                        "CHANGED HelmRelease production/prometheus",
                        "CHANGED Job production/kafka-topics",
                        "CHANGED Job production/postgres-databases",
                        // it joins the apps' shared policies of the paths it opens
                        "CHANGED NetworkPolicy production/apps-from-prometheus-8081",
                        "CHANGED NetworkPolicy production/apps-to-kafka-9092",
                        "CHANGED NetworkPolicy production/apps-to-pgbouncer-5432",
                        "CHANGED NetworkPolicy production/apps-to-vault-8200",
                        "CHANGED NetworkPolicy production/kafka",
                        "CHANGED NetworkPolicy production/pgbouncer",
                        "CHANGED NetworkPolicy production/prometheus",
                        "CHANGED NetworkPolicy production/vault",
                        "ADDED kustomization apps/production/billing-service",
                        // its database: a Job of its own, in a Flux Kustomization of its own
                        "ADDED Job production/billing-service-database",
                        "ADDED kustomization apps/production/billing-service-database",
                        // its Flux Kustomizations, and the cluster folder that lists them
                        "ADDED Kustomization flux-system/billing-service",
                        "ADDED Kustomization flux-system/billing-service-database",
                        "CHANGED kustomization clusters/production");
        // the database: one line of the ini, one of the Job's script
        Change ini = object(report, "ConfigMap production/pgbouncer-config").changes().get(0);
        assertThat(ini.field()).isEqualTo("/data/pgbouncer.ini");
        assertThat(ini.lines())
                .filteredOn(l -> l.startsWith("+") || l.startsWith("-"))
                .containsExactly("+billing = host=postgres port=5432 dbname=billing");
        assertThat(object(report, "ConfigMap production/postgres-databases").changes())
                .extracting(Change::field)
                .as("the shared Job declares only the components' databases")
                .containsExactly("/data/ensure-databases.sh");
        assertThat(
                        object(report, "ConfigMap production/postgres-databases").changes().stream()
                                .filter(c -> c.field().startsWith("/data/"))
                                .findFirst()
                                .orElseThrow()
                                .lines())
                .filteredOn(l -> l.startsWith("+") || l.startsWith("-"))
                .as("its owner one PgBouncer may look up (its database is its own Job's)")
                .containsExactly(
                        "-       AND usename IN ('app', 'security', 'unleash') $$;",
                        "+       AND usename IN ('app', 'billing', 'security', 'unleash') $$;");
        // the topic: one line of the script inside the Job's command
        assertThat(object(report, "Job production/kafka-topics").changes())
                .filteredOn(c -> c.field().startsWith("/metadata/annotations/"))
                .singleElement()
                .satisfies(
                        c ->
                                assertThat(c.after())
                                        .isEqualTo(
                                                "app.domain-events,billing.invoices,security.user-events"));
        assertThat(object(report, "Job production/kafka-topics").changes())
                .filteredOn(c -> !c.field().startsWith("/metadata/annotations/"))
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.field())
                                    .isEqualTo(
                                            "/spec/template/spec/containers[name=create-topics]/command/2");
                            assertThat(c.lines())
                                    .filteredOn(l -> l.startsWith("+") || l.startsWith("-"))
                                    .singleElement()
                                    .asString()
                                    .contains("--topic billing.invoices");
                        });
        // the policies: the app's name inserted into the lists of apps, nothing shifted
        assertOnlyInserted(
                object(report, "NetworkPolicy production/pgbouncer"),
                "/spec/ingress/2/from/0/podSelector/matchExpressions/0/values/1 (added)",
                "billing-service");
        assertOnlyInserted(
                object(report, "NetworkPolicy production/apps-to-pgbouncer-5432"),
                "/spec/podSelector/matchExpressions/0/values/1 (added)",
                "billing-service");
        // the cluster folder: the app's two Kustomizations inserted, nothing else
        assertThat(object(report, "kustomization clusters/production").changes())
                .extracting(Change::field)
                .containsExactly("/resources/4 (added)", "/resources/5 (added)");
        assertThat(report.versions())
                .extracting(VersionLines::of)
                .containsExactly(
                        "production apps image ghcr.io/neotool/billing-service null -> 0.3.0");
        assertThat(report.dangers())
                .extracting(Danger::reason)
                .contains(
                        "path opened: billing-service now selected, to pgbouncer on 5432/TCP",
                        "reads a new Vault path: secret/data/apps/billing-service/database (file db-billing)");
        assertThat(report.dangers())
                .extracting(Danger::kind)
                .as("paths opened, and the Vault policy script someone runs after the merge")
                .containsOnly(Danger.Kind.SECURITY, Danger.Kind.MANUAL);
        assertThat(report.dangers())
                .filteredOn(d -> d.kind() == Danger.Kind.MANUAL)
                .extracting(Danger::object)
                .containsExactly("file clusters/production/vault-policies.sh");
    }

    @Test
    void theMarkdownOfARealisticChangeIsTheGoldenOne() throws IOException {
        SemanticDiff.Report report = change("production", "  - name: app-service\n", ADDED_APP);
        String markdown = DiffFormat.MARKDOWN.render(report);
        Path golden = Path.of("src/test/resources/diff/add-app.md");
        if (Boolean.getBoolean("neotool.updateGolden")) {
            Files.writeString(golden, markdown, StandardCharsets.UTF_8);
        }
        assertThat(markdown).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void listEntriesAreMatchedByTheirKeyNotTheirPosition() {
        String deployment =
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: production}
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          image: web:1
                          env:
                %s
                          ports: [{containerPort: 3000}, {containerPort: 9100}]
                        - name: proxy
                          image: proxy:1
                """;
        String before =
                deployment.formatted(
                        "            - {name: A, value: '1'}\n            - {name: B, value: '2'}");
        String after =
                deployment
                        .formatted(
                                "            - {name: A, value: '1'}\n            - {name: NEW, value: x}\n            - {name: B, value: '3'}")
                        .replace(
                                "containerPort: 9100}]",
                                "containerPort: 9100}, {containerPort: 9200}]");
        SemanticDiff.Report report = compare(before, after);
        assertThat(report.objects())
                .singleElement()
                .satisfies(
                        o ->
                                assertThat(o.changes())
                                        .containsExactly(
                                                new Change(
                                                        "/spec/template/spec/containers[name=web]/env[name=NEW]",
                                                        null,
                                                        "{\"name\":\"NEW\",\"value\":\"x\"}"),
                                                new Change(
                                                        "/spec/template/spec/containers[name=web]/env[name=B]/value",
                                                        "2",
                                                        "3"),
                                                new Change(
                                                        "/spec/template/spec/containers[name=web]/ports[containerPort=9200]",
                                                        null,
                                                        "{\"containerPort\":9200}")));
        String reordered =
                deployment.formatted(
                        "            - {name: B, value: '2'}\n            - {name: A, value: '1'}");
        assertThat(compare(before, reordered).objects())
                .as("a reordered keyed list is no change")
                .isEmpty();
    }

    @Test
    void unkeyedListsAreSequencesInNumericOrder() {
        String args =
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: p}\nlist: [%s]\n";
        String before = args.formatted("0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11");
        String after = args.formatted("0, 1, 2, 3, 4, 5, 6, 7, 8, 9x, 10x, 11");
        assertThat(compare(before, after).objects().get(0).changes())
                .extracting(Change::field)
                .containsExactly("/list/9", "/list/10");
    }

    @Test
    void textIsDiffedByLinesAndSecretsAreMaskedLineByLine() {
        String cm =
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s, namespace: p}\ndata:\n  run.sh: |\n%s";
        String before =
                cm.formatted("    echo one\n    export DB_PASSWORD=hunter2\n    echo two\n");
        String after =
                cm.formatted(
                        "    echo one\n    export DB_PASSWORD=correct-horse\n    echo three\n");
        Change change = compare(before, after).objects().get(0).changes().get(0);
        assertThat(change.lines())
                .contains(
                        "-echo two",
                        "+echo three",
                        "-export DB_PASSWORD= ****",
                        "+export DB_PASSWORD= ****");
        assertThat(String.join("\n", change.lines())).doesNotContain("hunter2", "correct-horse");
    }

    private static SemanticDiff.Report compare(String before, String after) {
        SortedMap<String, String> b = new TreeMap<>();
        SortedMap<String, String> a = new TreeMap<>();
        b.put("infrastructure/production/configs/x/object.yaml", before);
        a.put("infrastructure/production/configs/x/object.yaml", after);
        return SemanticDiff.compare("test", b, a);
    }

    private static List<Danger.Kind> dangers(String before, String after) {
        return compare(before, after).dangers().stream().map(Danger::kind).toList();
    }

    private static final String STS =
            """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: p%s}
            spec:
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}%s}
                spec:
                  containers:
                    - name: db
                      image: postgres:%s
                      securityContext: {readOnlyRootFilesystem: %s}
              volumeClaimTemplates:
                - metadata: {name: %s}
                  spec: {storageClassName: %s, resources: {requests: {storage: %s}}}
            """;

    private static String sts(
            String image, String readOnly, String claim, String storageClass, String size) {
        return STS.formatted("", "", image, readOnly, claim, storageClass, size);
    }

    @Test
    void dataLossIsCalledOutAndHarmlessChangesAreNot() {
        String base = sts("18rc1", "true", "data", "local-path", "50Gi");
        assertThat(dangers(base, sts("18rc2", "true", "data", "local-path", "50Gi")))
                .as("an image bump")
                .isEmpty();
        assertThat(dangers(base, sts("18rc1", "true", "data", "local-path", "30Gi")))
                .as("a shrunk claim")
                .contains(Danger.Kind.DATA_LOSS, Danger.Kind.REJECTED);
        assertThat(dangers(base, sts("18rc1", "true", "data", "local-path", "80Gi")))
                .as("a grown claim template: rejected in place, nothing lost")
                .containsExactly(Danger.Kind.REJECTED);
        assertThat(dangers(base, sts("18rc1", "true", "data", "fast-ssd", "50Gi")))
                .as("another storage class")
                .contains(Danger.Kind.DATA_LOSS);
        assertThat(compare(base, sts("18rc1", "true", "pgdata", "local-path", "50Gi")).dangers())
                .extracting(Danger::reason)
                .anyMatch(
                        r -> r.startsWith("volume claim template [name=data] removed or renamed"));
        SortedMap<String, String> before =
                new TreeMap<>(
                        java.util.Map.of(
                                "infrastructure/production/configs/db/statefulset-db.yaml", base));
        SemanticDiff.Report removed = SemanticDiff.compare("test", before, new TreeMap<>());
        assertThat(removed.dangers())
                .extracting(Danger::kind)
                .containsExactly(Danger.Kind.DATA_LOSS);
        assertThat(DiffFormat.TEXT.render(removed))
                .contains("production: 0 to add, 0 to change, 1 to destroy", "DANGER (1)");
    }

    @Test
    void immutableFieldsAreCalledOutUnlessFluxRecreatesTheObject() {
        String deployment =
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w, namespace: p%s}\nspec:\n  selector: {matchLabels: {app: %s}}\n";
        assertThat(
                        compare(deployment.formatted("", "w"), deployment.formatted("", "web"))
                                .dangers())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.kind()).isEqualTo(Danger.Kind.REJECTED);
                            assertThat(d.reason())
                                    .startsWith(
                                            "/spec/selector/matchLabels/app cannot change in place");
                            assertThat(d.action())
                                    .contains("kustomize.toolkit.fluxcd.io/force: enabled");
                        });
        String job =
                "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j, namespace: p%s}\nspec:\n  template:\n    spec: {containers: [{name: j, image: 'x:%s'}]}\n";
        assertThat(dangers(job.formatted("", "1"), job.formatted("", "2")))
                .containsExactly(Danger.Kind.REJECTED);
        String forced = ", annotations: {kustomize.toolkit.fluxcd.io/force: enabled}";
        assertThat(dangers(job.formatted(forced, "1"), job.formatted(forced, "2")))
                .as("Flux recreates a forced Job")
                .isEmpty();
    }

    @Test
    void aLoosenedSecurityPostureIsCalledOutAndATightenedOneIsNot() {
        String policy =
                "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db, namespace: p}\nspec:\n  podSelector: {matchLabels: {app: db}}\n  ingress:\n%s";
        String one =
                "    - from: [{podSelector: {matchLabels: {app.kubernetes.io/instance: pgbouncer}}}]\n      ports: [{port: 5432, protocol: TCP}]\n";
        String two =
                one
                        + "    - from: [{podSelector: {matchLabels: {app.kubernetes.io/instance: web}}}]\n      ports: [{port: 5432, protocol: TCP}]\n";
        assertThat(compare(policy.formatted(one), policy.formatted(two)).dangers())
                .extracting(Danger::reason)
                .containsExactly("path opened: /spec/ingress/1 (added) from web on 5432/TCP");
        assertThat(dangers(policy.formatted(two), policy.formatted(one)))
                .as("a path closed")
                .isEmpty();

        String ns =
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: p\n  labels: {pod-security.kubernetes.io/enforce: %s}\n";
        assertThat(dangers(ns.formatted("restricted"), ns.formatted("baseline")))
                .containsExactly(Danger.Kind.SECURITY);
        assertThat(dangers(ns.formatted("baseline"), ns.formatted("restricted"))).isEmpty();

        String base = sts("18rc1", "true", "data", "local-path", "50Gi");
        assertThat(dangers(base, sts("18rc1", "false", "data", "local-path", "50Gi")))
                .containsExactly(Danger.Kind.SECURITY);
        assertThat(dangers(sts("18rc1", "false", "data", "local-path", "50Gi"), base)).isEmpty();
        String exempt =
                STS.formatted(
                        ", annotations: {checkov.io/skip1: 'CKV_K8S_22=writes its config'}",
                        "",
                        "18rc1",
                        "true",
                        "data",
                        "local-path",
                        "50Gi");
        assertThat(compare(base, exempt).dangers())
                .extracting(Danger::reason)
                .containsExactly("exemption added: CKV_K8S_22=writes its config");
        String vault =
                STS.formatted(
                        "",
                        ", annotations: {vault.hashicorp.com/agent-inject-secret-db: secret/data/db}",
                        "18rc1",
                        "true",
                        "data",
                        "local-path",
                        "50Gi");
        assertThat(compare(base, vault).dangers())
                .extracting(Danger::reason)
                .containsExactly("reads a new Vault path: secret/data/db (file db)");
        assertThat(dangers(vault, base)).as("a Vault path dropped").isEmpty();
    }

    @Test
    void versionsAreReportedByComponentForAddRemoveAndBump() throws IOException {
        SemanticDiff.Report report =
                change(
                        "dev",
                        "  grafana:\n    chartVersion",
                        "  grafana:\n    enabled: false\n    chartVersion");
        assertThat(report.versions())
                .extracting(VersionLines::of)
                .containsExactly(
                        "dev grafana chart grafana 8.4.8 -> null",
                        "dev grafana image grafana/grafana 11.1.4 -> null");
        assertThat(report.dangers())
                .extracting(Danger::kind, Danger::object)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                Danger.Kind.DATA_LOSS, "HelmRelease neotool-dev/grafana"));
        SemanticDiff.Report bump =
                change(
                        "production",
                        "image: grafana/grafana:11.1.4",
                        "image: grafana/grafana:11.1.5");
        assertThat(bump.versions())
                .extracting(VersionLines::of)
                .contains("production grafana image grafana/grafana 11.1.4 -> 11.1.5");
    }

    @Test
    void aProductionOnlyChangeTouchesOnlyProductionsFilesAndTheSharedTable() throws IOException {
        config = TestSupport.copyConfigs(work);
        new NeotoolGitops().generate(new GenerationRequest(config, work, null));
        Path prod = config.resolve("production.yaml");
        Files.writeString(
                prod,
                Files.readString(prod)
                        .replace("image: grafana/grafana:11.1.4", "image: grafana/grafana:11.1.5"));
        var result = new NeotoolGitops().generate(new GenerationRequest(config, work, null));
        assertThat(result.files().written())
                .containsExactlyInAnyOrder(
                        "clusters/README.md",
                        "clusters/production/README.md",
                        "infrastructure/production/controllers/grafana/helmrelease-grafana.yaml");
    }
}
