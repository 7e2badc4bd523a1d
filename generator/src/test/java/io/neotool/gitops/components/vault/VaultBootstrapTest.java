package io.neotool.gitops.components.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neotool.gitops.TestSupport;
import io.neotool.gitops.Trees;
import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.load.ConfigException;
import io.neotool.gitops.output.OutputTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Vault's bootstrap: integrated storage, the file backend's data copied into it, and the
 * initialisation script that encrypts every key share to an operator's OpenPGP key. The real Vault
 * runs both in {@code .ci/programs/vault-bootstrap.sh}.
 */
class VaultBootstrapTest {
    private static final String RELEASE =
            "infrastructure/production/controllers/vault/helmrelease-vault.yaml";
    private static final String SCRIPT = "clusters/production/vault-init.sh";

    private static String key(String name) {
        try {
            return Files.readString(
                    TestSupport.repoRoot().resolve("generator/src/test/resources/pgp/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture config with {@code unseal} under {@code infrastructure.vault}. */
    static String withUnseal(int threshold, String root, String... keys) {
        StringBuilder block =
                new StringBuilder("    unseal:\n      threshold: " + threshold + "\n");
        block.append("      rootToken: ").append(root).append("\n      operators:\n");
        for (String k : keys) {
            String name = k.substring(0, k.indexOf('.'));
            block.append("        - name: ").append(name).append("\n          pgpKey: |\n");
            for (String line : key(k).strip().split("\n", -1)) {
                block.append(line.isEmpty() ? "" : "            " + line).append('\n');
            }
        }
        String text = TestSupport.productionText();
        assertThat(text).contains("\n  vault:\n");
        return text.replace("\n  vault:\n", "\n  vault:\n" + block);
    }

    /** {@code sh -n}: the script parses as the shell that runs it. */
    static void parsesAsShell(String script) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("vault-init", ".sh");
            try {
                java.nio.file.Files.writeString(file, script);
                Process sh =
                        new ProcessBuilder("sh", "-n", file.toString())
                                .redirectErrorStream(true)
                                .start();
                String out =
                        new String(
                                sh.getInputStream().readAllBytes(),
                                java.nio.charset.StandardCharsets.UTF_8);
                assertThat(sh.waitFor()).as(out).isZero();
            } finally {
                java.nio.file.Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<ConfigProblem> problems(String yaml) {
        try {
            TestSupport.parse(yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("the config was accepted");
    }

    @Test
    void vaultRunsOnRaftAndCopiesAFileBackendIntoItBeforeTheServerStarts() {
        JsonNode server =
                Trees.yaml(Trees.generate(TestSupport.production()), RELEASE)
                        .at("/spec/values/server");
        String config = server.at("/standalone/config").asString();
        assertThat(config).contains("storage \"raft\" {\n  path = \"/vault/data/raft\"\n");
        assertThat(config).doesNotContain("storage \"file\"");
        JsonNode migrate = server.at("/extraInitContainers/0");
        assertThat(migrate.path("name").asString()).isEqualTo("migrate-file-storage");
        assertThat(migrate.at("/volumeMounts/0/mountPath").asString())
                .isEqualTo(server.at("/dataStorage/mountPath").asString("/vault/data"));
        String script = migrate.at("/command/2").asString();
        assertThat(script)
                .contains("vault operator migrate -config=/tmp/migrate.hcl")
                .contains("storage_source \"file\" {\n  path = \"/vault/data\"")
                .contains("storage_destination \"raft\" {\n  path = \"/vault/data/raft\"");
        assertThat(migrate.at("/securityContext/allowPrivilegeEscalation").asBoolean(true))
                .isFalse();
    }

    @Test
    void theInitScriptCarriesEachOperatorsKeyAsVaultTakesItInShareOrder() {
        OutputTree tree =
                new io.neotool.gitops.NeotoolGitops()
                        .render(
                                List.of(
                                        TestSupport.parse(
                                                withUnseal(2, "bob", "alice.asc", "bob.asc"))));
        String script = tree.files().get(SCRIPT).text();
        parsesAsShell(script);
        Matcher blocks =
                Pattern.compile(
                                "k(\\d)=\\$\\(key <<'KEY'\\n-----BEGIN PGP PUBLIC KEY BLOCK-----\\n(.*?)\\n-----END",
                                Pattern.DOTALL)
                        .matcher(script);
        int found = 0;
        for (String name : List.of("alice.asc", "bob.asc")) {
            assertThat(blocks.find()).isTrue();
            assertThat(blocks.group(1)).isEqualTo(String.valueOf(found));
            byte[] binary = Base64.getDecoder().decode(blocks.group(2).replace("\n", ""));
            OperatorKey expected = OperatorKey.of(key(name));
            assertThat(Base64.getEncoder().encodeToString(binary)).isEqualTo(expected.base64());
            assertThat(script).contains("#   " + found + "  " + name.replace(".asc", ""));
            assertThat(script).contains(expected.fingerprint());
            found++;
        }
        assertThat(script)
                .contains(
                        "{\"secret_shares\": 2, \"secret_threshold\": 2, \"pgp_keys\": [\"$k0\", \"$k1\"], \"root_token_pgp_key\": \"$k1\"}")
                .contains("initialised already");
        String runbook = tree.files().get("clusters/production/RUNBOOK.md").text();
        assertThat(runbook)
                .contains("sh clusters/production/vault-init.sh > vault-init-production.json")
                .contains("Share 0 is alice's, 1 is bob's; the root token is bob's");
    }

    @Test
    void withoutOperatorsThereIsNoScriptAndTheRunbookSaysToAddThemFirst() {
        OutputTree tree =
                new io.neotool.gitops.NeotoolGitops().render(List.of(TestSupport.production()));
        assertThat(tree.files()).doesNotContainKey(SCRIPT);
        assertThat(tree.files().get("clusters/production/RUNBOOK.md").text())
                .contains("the config names no operators yet (`infrastructure.vault.unseal`")
                .doesNotContain("vault operator init`,");
    }

    @Test
    void aPrivateKeyASignOnlyKeyAndImpossibleThresholdsAreRefusedWhereTheyStand() {
        String privateKey =
                withUnseal(1, "alice", "alice.asc")
                        .replace("BEGIN PGP PUBLIC KEY BLOCK", "BEGIN PGP PRIVATE KEY BLOCK");
        assertThat(problems(privateKey))
                .anySatisfy(
                        p -> {
                            assertThat(p.path())
                                    .isEqualTo("infrastructure.vault.unseal.operators[0].pgpKey");
                            assertThat(p.message()).contains("is a private key");
                            assertThat(p.line()).isGreaterThan(20);
                        });
        assertThat(problems(withUnseal(1, "sign", "alice.asc", "sign-only.asc")))
                .extracting(ConfigProblem::path, ConfigProblem::message)
                .anySatisfy(
                        t ->
                                assertThat(t.toList())
                                        .containsExactly(
                                                "infrastructure.vault.unseal.operators[1].pgpKey",
                                                "has no key that can encrypt (an encryption subkey), so no share can be encrypted to it"))
                .anySatisfy(
                        t ->
                                assertThat(t.toList().get(0))
                                        .isEqualTo("infrastructure.vault.unseal.threshold"))
                .anySatisfy(
                        t ->
                                assertThat(t.toList().get(0))
                                        .isEqualTo("infrastructure.vault.unseal.rootToken"));
        assertThat(problems(withUnseal(3, "alice", "alice.asc", "bob.asc")))
                .extracting(ConfigProblem::path)
                .containsExactly("infrastructure.vault.unseal.threshold");
        assertThatThrownBy(
                        () ->
                                TestSupport.parse(
                                        withUnseal(2, "alice", "alice.asc", "bob.asc")
                                                .replace("- name: bob", "- name: alice")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'alice' holds a share already");
    }
}
