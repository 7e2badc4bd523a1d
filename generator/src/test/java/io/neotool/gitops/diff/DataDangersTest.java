package io.neotool.gitops.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neotool.gitops.GenerationRequest;
import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.TestSupport;
import io.neotool.gitops.config.load.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review of the everyday edits, as a user makes them: the fixture configs generated and
 * committed in a git repository, one config edited, regenerated, and {@code neotool:diff} run with
 * its default base ({@code HEAD}). Each edit that endangers data, messages or a public host must
 * say so, with the object and what to do; an edit that does not must raise nothing.
 */
class DataDangersTest {
    @TempDir Path work;
    private Path config;

    @BeforeEach
    void committedTree() throws Exception {
        config = TestSupport.copyConfigs(work);
        new NeotoolGitops().generate(new GenerationRequest(config, work, null));
        git("init", "-q");
        git("add", "-A");
        git("commit", "-q", "-m", "tree");
    }

    private void git(String... args) throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "git",
                                "-C",
                                work.toString(),
                                "-c",
                                "user.email=ci@neotool.io",
                                "-c",
                                "user.name=ci"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = config.resolve(file);
        String text = Files.readString(path);
        assertThat(text).as(file).contains(from);
        Files.writeString(path, text.replace(from, to));
    }

    /** The same edit in every environment: an app's base (uses, env) is shared by them. */
    private void editBoth(String from, String to) throws IOException {
        for (String env : List.of("production.yaml", "dev.yaml")) {
            edit(env, from, to);
        }
    }

    /** {@code neotool:generate} refuses the configs with a config error holding each fragment. */
    private void assertGenerateRefuses(String... fragments) {
        assertThatThrownBy(
                        () ->
                                new NeotoolGitops()
                                        .generate(new GenerationRequest(config, work, null)))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.getMessage()).contains(fragments));
    }

    /** Regenerates as the user does, then reviews against HEAD (the default). */
    private SemanticDiff.Report review() {
        new NeotoolGitops().generate(new GenerationRequest(config, work, null));
        SemanticDiff.Report report = new NeotoolGitops().diff(config, work, null);
        assertThat(report.base()).isEqualTo("HEAD");
        return report;
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(
                        java.security.MessageDigest.getInstance("SHA-256")
                                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> dangers(SemanticDiff.Report report) {
        return report.dangers().stream()
                .map(d -> d.kind() + " " + d.cluster() + " " + d.object() + ": " + d.reason())
                .toList();
    }

    private static List<String> flux(SemanticDiff.Report report) {
        return report.flux().stream()
                .map(
                        s ->
                                s.status()
                                        + " "
                                        + s.cluster()
                                        + " "
                                        + s.object()
                                        + " by "
                                        + s.kustomization()
                                        + (s.kustomizationDeleted() ? " (deleted)" : ""))
                .toList();
    }

    private static final String APP_SERVICE_SUBGRAPH =
            "  APP @join__graph(name: \"app\", url: \"http://app-service/graphql\")\n";

    /** Removes app-service from production (and its subgraph from the shared supergraph). */
    private void removeAppService() throws IOException {
        String text = Files.readString(config.resolve("production.yaml"));
        int start = text.indexOf("  - name: app-service\n");
        int end = text.indexOf("  - name: web\n");
        Files.writeString(
                config.resolve("production.yaml"), text.substring(0, start) + text.substring(end));
        edit("supergraph/neotool.graphql", APP_SERVICE_SUBGRAPH, "");
    }

    @Test
    void aRemovedAppReadsAsItsObjectsDeletedByItsKustomizationAndItsDatabaseLeftBehind()
            throws IOException {
        removeAppService();
        SemanticDiff.Report report = review();
        assertThat(flux(report))
                .filteredOn(l -> l.startsWith("REMOVED production"))
                .contains(
                        "REMOVED production Deployment production/app-service by flux-system/app-service (deleted)",
                        "REMOVED production Service production/app-service by flux-system/app-service (deleted)",
                        "REMOVED production ServiceAccount production/app-service by flux-system/app-service (deleted)");
        assertThat(dangers(report))
                .anySatisfy(
                        d ->
                                assertThat(d)
                                        .startsWith(
                                                "DATA_LOSS production Job production/app-service-database: database 'app' is no longer declared")
                                        .contains("the daily backup no longer dumps it"));
        assertThat(DiffFormat.TEXT.render(report))
                .contains(
                        "- DELETE Deployment production/app-service (Kustomization flux-system/app-service is deleted and prunes it)");
        golden(report, "remove-app.md");
    }

    /** The review's markdown is the golden one the README shows (-Dneotool.updateGolden=true). */
    private static void golden(SemanticDiff.Report report, String name) throws IOException {
        String markdown = DiffFormat.MARKDOWN.render(report);
        Path golden = Path.of("src/test/resources/diff").resolve(name);
        if (Boolean.getBoolean("neotool.updateGolden")) {
            Files.writeString(golden, markdown, StandardCharsets.UTF_8);
        }
        assertThat(markdown).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void aRenamedDatabasePointsTheAppAtAnEmptyOneAndRaisesNoFalseVaultPath() throws IOException {
        editBoth("database: { name: app, password", "database: { name: app_core, password");
        SemanticDiff.Report report = review();
        assertThat(dangers(report))
                .anySatisfy(
                        d ->
                                assertThat(d)
                                        .startsWith(
                                                "DATA_LOSS all environments (apps/base) Deployment app-service: now uses database 'app_core' instead of 'app'"))
                .anySatisfy(
                        d ->
                                assertThat(d)
                                        .startsWith(
                                                "DATA_LOSS production Job production/app-service-database: database 'app' is no longer declared"))
                .noneSatisfy(d -> assertThat(d).contains("reads a new Vault path"));
    }

    @Test
    void aRenamedAppAbandonsItsConsumerGroupUnlessItKeepsIt() throws IOException {
        editBoth("  - name: app-service\n", "  - name: core-service\n");
        edit(
                "supergraph/neotool.graphql",
                "http://app-service/graphql",
                "http://core-service/graphql");
        SemanticDiff.Report report = review();
        assertThat(dangers(report))
                .anySatisfy(
                        d ->
                                assertThat(d)
                                        .startsWith(
                                                "MESSAGES production Deployment production/app-service: consumer group 'app-service' is no longer used"));
        assertThat(report.dangers())
                .filteredOn(d -> d.reason().contains("consumer group"))
                .allSatisfy(
                        d -> assertThat(d.action()).contains("uses.consumerGroup: app-service"));

        editBoth(
                "      kafkaTopics: [app.domain-events, security.user-events]\n",
                "      kafkaTopics: [app.domain-events, security.user-events]\n"
                        + "      consumerGroup: app-service\n");
        assertThat(dangers(review()))
                .as("the group kept")
                .noneSatisfy(d -> assertThat(d).contains("consumer group"));
    }

    @Test
    void aTopicNoLongerDeclaredStaysOnTheBroker() throws IOException {
        editBoth(
                "kafkaTopics: [app.domain-events, security.user-events]",
                "kafkaTopics: [security.user-events]");
        assertThat(dangers(review()))
                .contains(
                        "MESSAGES production Job production/kafka-topics: topic 'app.domain-events' is no longer declared: "
                                + "it stays on the broker with its messages (the topics Job only creates)");
    }

    @Test
    void aPublicHostRemovedStopsBeingServed() throws IOException {
        edit("production.yaml", "    host: app.neotool.io\n", "");
        assertThat(dangers(review()))
                .anySatisfy(
                        d ->
                                assertThat(d)
                                        .startsWith("OUTAGE production ")
                                        .contains(
                                                "public host app.neotool.io is no longer served"));
    }

    @Test
    void aChangedVaultPolicyScriptSaysWhatToRunAfterTheMerge() throws IOException {
        editBoth(
                "          env: JWT_SIGNING_KEY\n",
                "          env: JWT_SIGNING_KEY\n"
                        + "        - name: audit-key\n"
                        + "          from: { path: secret/data/apps/security-service/audit, key: key }\n"
                        + "          env: AUDIT_KEY\n");
        SemanticDiff.Report report = review();
        assertThat(report.dangers())
                .filteredOn(d -> d.kind() == Danger.Kind.MANUAL && d.cluster().equals("production"))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.object())
                                    .isEqualTo("file clusters/production/vault-policies.sh");
                            assertThat(d.action())
                                    .isEqualTo(
                                            "after merging, run: kubectl -n production exec -i vault-0 -- env "
                                                    + "VAULT_TOKEN=<a token allowed to write policies> sh -s < "
                                                    + "clusters/production/vault-policies.sh");
                        });
    }

    @Test
    void aClaimThatGrowsOnLocalPathIsRefused() throws IOException {
        edit(
                "production.yaml",
                "    storage: 5Gi\n    host: grafana.neotool.io\n",
                "    storage: 10Gi\n    host: grafana.neotool.io\n");
        assertThat(dangers(review()))
                .anySatisfy(
                        d ->
                                assertThat(d)
                                        .startsWith(
                                                "REJECTED production HelmRelease production/grafana: ")
                                        .contains("grows from 5Gi to 10Gi")
                                        .contains("local-path does not"));
    }

    @Test
    void aVersionBumpRaisesNoDanger() throws IOException {
        edit("production.yaml", "grafana/grafana:11.1.4", "grafana/grafana:11.1.5");
        edit("production.yaml", "ghcr.io/neotool/web:3.1.4", "ghcr.io/neotool/web:3.1.5");
        SemanticDiff.Report report = review();
        assertThat(report.empty()).isFalse();
        assertThat(dangers(report)).isEmpty();
        assertThat(flux(report))
                .allSatisfy(l -> assertThat(l).startsWith("CHANGED"))
                .contains("CHANGED production Deployment production/web by flux-system/web");
    }

    @Test
    void aPostgresMajorChangeInPlaceIsRefusedUntilThePlanIsAcknowledged() throws IOException {
        edit("production.yaml", "image: postgres:18rc1", "image: postgres:17.6");
        String before = Files.readString(work.resolve(".neotool/generated.lock"));
        assertGenerateRefuses(
                "config/production.yaml:33:5: infrastructure.postgres.image: "
                        + "PostgreSQL's major version would change in place, 18 -> 17",
                "majorUpgradeFrom: \"18\"");
        assertThat(Files.readString(work.resolve(".neotool/generated.lock")))
                .as("nothing written")
                .isEqualTo(before);

        edit(
                "production.yaml",
                "image: postgres:17.6\n",
                "image: postgres:17.6\n    majorUpgradeFrom: \"18\"\n");
        SemanticDiff.Report report = review();
        assertThat(dangers(report))
                .contains(
                        "DATA_LOSS production StatefulSet production/postgres: PostgreSQL's major version changes in place, "
                                + "18 -> 17: the new server cannot read the old data directory (it refuses to start, "
                                + "or, at a different data path, starts empty)");
        golden(report, "postgres-major.md");
    }

    @Test
    void vaultsMoveFromTheFileBackendIsAStepByHandTheReviewSpellsOut() throws Exception {
        // the tree as the generator wrote it before Vault moved to integrated storage
        Path release =
                work.resolve("infrastructure/production/controllers/vault/helmrelease-vault.yaml");
        String raft = Files.readString(release);
        String stanza =
                "          storage \"raft\" {\n"
                        + "            path = \"/vault/data/raft\"\n"
                        + "            node_id = \"vault-0\"\n"
                        + "            performance_multiplier = 1\n"
                        + "          }\n";
        assertThat(raft).contains(stanza);
        String file =
                raft.replace(
                        stanza,
                        "          storage \"file\" {\n            path = \"/vault/data\"\n          }\n");
        Files.writeString(release, file);
        Path lock = work.resolve(".neotool/generated.lock");
        Files.writeString(lock, Files.readString(lock).replace(sha256(raft), sha256(file)));
        git("commit", "-q", "-am", "vault on the file backend");
        SemanticDiff.Report report = review();
        assertThat(dangers(report))
                .containsExactly(
                        "MANUAL production HelmRelease production/vault: Vault's storage moves from file to raft: "
                                + "vault-0 keeps running on the file backend until it is deleted (the chart's OnDelete updates); "
                                + "at its next start the init container migrate-file-storage copies the data into raft "
                                + "(vault operator migrate), and Vault opens sealed, with the same key shares");
        assertThat(report.dangers().get(0).action())
                .startsWith(
                        "after the merge, once Flux applied it: kubectl -n production delete pod vault-0;");
    }

    /** production.yaml moved to three nodes ({@link TestSupport#ha}). */
    private void moveToThreeNodes() throws IOException {
        Path path = config.resolve("production.yaml");
        Files.writeString(path, TestSupport.ha(Files.readString(path)));
    }

    @Test
    void theMoveToThreeNodesListsEachDataMoveWithItsSteps() throws IOException {
        moveToThreeNodes();
        SemanticDiff.Report report = review();
        assertThat(report.dangers())
                .filteredOn(d -> d.object().equals("StatefulSet production/postgres"))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.kind()).isEqualTo(Danger.Kind.DATA_LOSS);
                            assertThat(d.reason())
                                    .contains(
                                            "PostgreSQL becomes the CloudNativePG Cluster postgres, which starts empty");
                            assertThat(d.action())
                                    .startsWith(
                                            "1. before the merge, stop the writers: flux -n flux-system suspend kustomization app-service security-service unleash && kubectl -n production scale deployment app-service security-service unleash --replicas=0")
                                    .contains(
                                            "create job --from=cronjob/database-backup move-to-ha")
                                    .contains("RESTORE_FROM=<that folder>")
                                    .contains("logs job/move-to-ha -c dump")
                                    .contains(
                                            "resume kustomization app-service security-service unleash")
                                    .contains("delete pvc data-postgres-0");
                        });
        assertThat(report.dangers())
                .filteredOn(d -> d.object().equals("StatefulSet production/kafka"))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.kind()).isEqualTo(Danger.Kind.MESSAGES);
                            assertThat(d.reason()).contains("the topics are recreated empty");
                            assertThat(d.action())
                                    .contains("suspend kustomization app-service security-service")
                                    .contains("--describe --all-groups shows LAG 0");
                        });
        assertThat(report.dangers())
                .as("the topics live on as KafkaTopics: none reads as no longer declared")
                .noneMatch(d -> d.reason().startsWith("topic '"));
    }

    @Test
    void aClustersVolumeGrowingOnLocalPathIsNamedAsTheOperatorsRefusedResize() throws Exception {
        moveToThreeNodes();
        new NeotoolGitops().generate(new GenerationRequest(config, work, null));
        git("add", "-A");
        git("commit", "-q", "-m", "three nodes");
        edit(
                "production.yaml",
                "    storage: 50Gi\n    maxConnections",
                "    storage: 100Gi\n    maxConnections");
        SemanticDiff.Report report = review();
        assertThat(report.dangers())
                .filteredOn(d -> d.object().equals("Cluster production/postgres"))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.kind()).isEqualTo(Danger.Kind.REJECTED);
                            assertThat(d.reason())
                                    .contains("/spec/storage/size grows from 50Gi to 100Gi")
                                    .contains(
                                            "CloudNativePG's resize of each instance's claim is refused");
                        });
    }

    @Test
    void goingBackToOneNodeNamesTheOperatorsDataLost() throws Exception {
        moveToThreeNodes();
        new NeotoolGitops().generate(new GenerationRequest(config, work, null));
        git("add", "-A");
        git("commit", "-q", "-m", "three nodes");
        Files.writeString(config.resolve("production.yaml"), TestSupport.productionText());
        new NeotoolGitops().generate(new GenerationRequest(config, work, null));
        SemanticDiff.Report report = review();
        assertThat(report.dangers())
                .filteredOn(d -> d.object().equals("Cluster production/postgres"))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.kind()).isEqualTo(Danger.Kind.DATA_LOSS);
                            assertThat(d.reason()).contains("CloudNativePG deletes their volumes");
                        });
    }

    @Test
    void vaultsMoveToThreeMembersIsAPlanOfStepsByHand() throws IOException {
        moveToThreeNodes();
        SemanticDiff.Report report = review();
        assertThat(report.dangers())
                .filteredOn(d -> d.object().equals("HelmRelease production/vault"))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.kind()).isEqualTo(Danger.Kind.MANUAL);
                            assertThat(d.reason())
                                    .startsWith(
                                            "Vault becomes a three-member raft cluster: vault-0 keeps its data");
                            assertThat(d.action())
                                    .contains("kubectl -n production delete pod vault-0")
                                    .contains("vault operator raft list-peers lists three voters");
                        });
    }

    @Test
    void anAutoUnsealForARunningVaultIsASealMigrationByHand() throws IOException {
        edit(
                "production.yaml",
                "\n  vault:\n",
                "\n  vault:\n    seal:\n      transit:\n        address: https://vault.ops.example.org:8200\n"
                        + "        keyName: neotool-production\n        tokenSecret: vault-transit\n");
        SemanticDiff.Report report = review();
        assertThat(dangers(report))
                .contains(
                        "MANUAL production HelmRelease production/vault: Vault's seal changes from shamir to transit: "
                                + "restarted on the new config, Vault stays sealed until a quorum of operators migrates the seal");
    }

    @Test
    void aSubgraphThatRoutesToNoAppIsAConfigErrorNamingTheSubgraph() throws IOException {
        edit(
                "supergraph/neotool.graphql",
                "http://app-service/graphql",
                "http://app-servce/graphql");
        assertGenerateRefuses(
                "config/production.yaml:75:5: infrastructure.apolloRouter.supergraphFile: "
                        + "supergraph/neotool.graphql:26: subgraph 'app' (http://app-servce/graphql) "
                        + "routes to no app of this config");
        editBoth(
                "    supergraphFile: supergraph/neotool.graphql\n",
                "    supergraphFile: supergraph/neotool.graphql\n    externalSubgraphs: [app]\n");
        new NeotoolGitops().generate(new GenerationRequest(config, work, null));
    }

    @Test
    void checkNamesAStrayFileInAGeneratedFolder() throws IOException {
        Path stray = work.resolve("apps/production/web/extra-configmap.yaml");
        Files.writeString(stray, "apiVersion: v1\nkind: ConfigMap\n", StandardCharsets.UTF_8);
        var check = new NeotoolGitops().check(config, work);
        assertThat(check.stray()).containsExactly("apps/production/web/extra-configmap.yaml");
        assertThat(check.clean()).isFalse();
        assertThat(check.report()).contains("stray").contains("extra-configmap.yaml");
        Files.delete(stray);
        assertThat(new NeotoolGitops().check(config, work).clean()).isTrue();
    }
}
