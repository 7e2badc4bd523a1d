package io.neotool.gitops.components.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.TestSupport;
import io.neotool.gitops.Trees;
import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.load.ConfigException;
import io.neotool.gitops.output.OutputTree;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Auto-unseal through another Vault's transit key: the seal stanza, the token from a Secret made by
 * hand, the network path, recovery keys in place of unseal keys, and the runbook that says so. The
 * real Vault unseals itself in {@code .ci/programs/vault-bootstrap.sh}.
 */
class VaultSealTest {
    private static final String SEAL =
            "    seal:\n      transit:\n        address: https://vault.ops.example.org:8200\n"
                    + "        keyName: neotool-production\n        tokenSecret: vault-transit\n";

    private static String config(String seal) {
        String text = TestSupport.productionText();
        assertThat(text).contains("\n  vault:\n");
        return text.replace("\n  vault:\n", "\n  vault:\n" + seal);
    }

    @Test
    void vaultUnsealsItselfWithTheTransitKeyAndATokenFromASecretMadeByHand() {
        OutputTree tree = new NeotoolGitops().render(List.of(TestSupport.parse(config(SEAL))));
        JsonNode server =
                Trees.yaml(
                                tree,
                                "infrastructure/production/controllers/vault/helmrelease-vault.yaml")
                        .at("/spec/values/server");
        assertThat(server.at("/standalone/config").asString())
                .contains(
                        "seal \"transit\" {\n  address = \"https://vault.ops.example.org:8200\"\n"
                                + "  key_name = \"neotool-production\"\n  mount_path = \"transit/\"\n}\n");
        assertThat(server.at("/extraSecretEnvironmentVars").toString())
                .isEqualTo(
                        "[{\"envName\":\"VAULT_TOKEN\",\"secretKey\":\"token\",\"secretName\":\"vault-transit\"}]");
        assertThat(
                        tree.get(
                                        "infrastructure/production/controllers/network-policies/networkpolicy-vault.yaml")
                                .text())
                .contains("port: 8200");
        String runbook = tree.get("clusters/production/RUNBOOK.md").text();
        assertThat(runbook)
                .contains(
                        "Vault unseals itself at every start through the transit key `neotool-production`")
                .contains(
                        "kubectl -n production create secret generic vault-transit --from-literal=token=<token>")
                .doesNotContain("Unseal, once per key share");
        assertThat(tree.files().keySet())
                .noneMatch(
                        p -> p.endsWith(".yaml") && tree.get(p).text().contains("kind: Secret\n"));
    }

    @Test
    void withOperatorsTheirSharesAreRecoveryKeys() {
        OutputTree tree =
                new NeotoolGitops()
                        .render(
                                List.of(
                                        TestSupport.parse(
                                                VaultBootstrapTest.withUnseal(
                                                                1, "alice", "alice.asc")
                                                        .replace(
                                                                "\n  vault:\n",
                                                                "\n  vault:\n" + SEAL))));
        String script = tree.get("clusters/production/vault-init.sh").text();
        VaultBootstrapTest.parsesAsShell(script);
        assertThat(script)
                .contains(
                        "{\"recovery_shares\": 1, \"recovery_threshold\": 1, \"recovery_pgp_keys\": [\"$k0\"]")
                .doesNotContain("\"secret_shares\"");
        assertThat(tree.get("clusters/production/RUNBOOK.md").text())
                .contains("4. Unsealed by itself (seal \"transit\"");
    }

    @Test
    void aBadAddressOrSecretNameIsRefusedWhereItStands() {
        try {
            TestSupport.parse(
                    config(
                            SEAL.replace("https://vault.ops.example.org:8200", "vault.ops:8200")
                                    .replace("vault-transit", "Vault_Transit")));
            throw new AssertionError("accepted");
        } catch (ConfigException e) {
            assertThat(e.problems())
                    .extracting(ConfigProblem::path)
                    .contains(
                            "infrastructure.vault.seal.transit.address",
                            "infrastructure.vault.seal.transit.tokenSecret");
        }
    }
}
