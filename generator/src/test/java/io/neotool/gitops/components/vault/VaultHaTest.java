package io.neotool.gitops.components.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.TestSupport;
import io.neotool.gitops.Trees;
import io.neotool.gitops.output.OutputTree;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code cluster.topology: ha}: Vault as three raft members that join each other, its injector
 * twice, each with a disruption budget; the cluster README says what stays single. The real Vault
 * runs the three members in {@code .ci/programs/vault-ha.sh}.
 */
class VaultHaTest {
    private static final String RELEASE =
            "infrastructure/production/controllers/vault/helmrelease-vault.yaml";

    private static OutputTree ha() {
        return new NeotoolGitops()
                .render(List.of(TestSupport.parse(TestSupport.ha(TestSupport.productionText()))));
    }

    @Test
    void vaultRunsThreeRaftMembersThatJoinEachOther() {
        OutputTree tree = ha();
        JsonNode server = Trees.yaml(tree, RELEASE).at("/spec/values/server");
        assertThat(server.at("/standalone/enabled").asBoolean(true)).isFalse();
        assertThat(server.at("/ha/enabled").asBoolean()).isTrue();
        assertThat(server.at("/ha/replicas").asInt()).isEqualTo(3);
        assertThat(server.at("/ha/raft/setNodeId").asBoolean()).isTrue();
        assertThat(server.at("/ha/disruptionBudget/maxUnavailable").asInt()).isEqualTo(1);
        String config = server.at("/ha/raft/config").asString();
        assertThat(config)
                .contains("storage \"raft\" {\n  path = \"/vault/data/raft\"\n")
                .contains("leader_api_addr = \"http://vault-0.vault-internal:8200\"")
                .contains("leader_api_addr = \"http://vault-1.vault-internal:8200\"")
                .contains("leader_api_addr = \"http://vault-2.vault-internal:8200\"")
                .contains("service_registration \"kubernetes\" {}")
                .doesNotContain("node_id");
        JsonNode injector = Trees.yaml(tree, RELEASE).at("/spec/values/injector");
        assertThat(injector.at("/replicas").asInt()).isEqualTo(2);
        assertThat(injector.at("/podDisruptionBudget/maxUnavailable").asInt()).isEqualTo(1);
        String policy =
                tree.get(
                                "infrastructure/production/controllers/network-policies/networkpolicy-vault.yaml")
                        .text();
        assertThat(policy).contains("port: 8201");
        assertThat(
                        tree.get(
                                        "infrastructure/production/configs/backup/cronjob-vault-snapshot.yaml")
                                .text())
                .as("the snapshot is the leader's")
                .contains("value: http://vault-active.production.svc.cluster.local:8200");
        assertThat(tree.get("clusters/production/README.md").text())
                .contains("Three K3S server nodes with embedded etcd (`cluster.topology: ha`)")
                .contains("- `vault`: three raft members, one per node")
                .contains("- `postgres`: a CloudNativePG Cluster of three instances")
                .contains("- `kafka`: Strimzi, three KRaft nodes")
                .contains("- `prometheus`: its TSDB is one volume");
    }

    @Test
    void aSingleNodeClusterKeepsOneStandaloneMember() {
        OutputTree tree = new NeotoolGitops().render(List.of(TestSupport.production()));
        JsonNode server = Trees.yaml(tree, RELEASE).at("/spec/values/server");
        assertThat(server.at("/standalone/enabled").asBoolean()).isTrue();
        assertThat(server.at("/ha/enabled").asBoolean(true)).isFalse();
        assertThat(server.at("/standalone/config").asString()).contains("node_id = \"vault-0\"");
        assertThat(tree.get("clusters/production/README.md").text())
                .contains("One K3S node (`cluster.topology: single-node`)");
        assertThat(
                        tree.get(
                                        "infrastructure/production/controllers/network-policies/networkpolicy-vault.yaml")
                                .text())
                .doesNotContain("port: 8201");
    }
}
