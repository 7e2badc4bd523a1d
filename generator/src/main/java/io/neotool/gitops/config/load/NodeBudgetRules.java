package io.neotool.gitops.config.load;

import io.neotool.gitops.config.ClusterConfig;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.NodeBudget;

/**
 * The node size a config states against what its pods request of one node ({@link NodeBudget}): a
 * config that asks more than a node offers is refused at {@code cluster.nodeSize}, with the sums.
 */
final class NodeBudgetRules {
    private NodeBudgetRules() {}

    static void check(ConfigRules rules, EnvironmentConfig c) {
        ClusterConfig.NodeSize size = c.cluster().nodeSize();
        if (size == null) {
            return;
        }
        boolean cpuOk =
                rules.check(
                        ConfigRules.cpu(size.cpu()),
                        "cluster.nodeSize.cpu",
                        "'" + size.cpu() + "' is not a CPU quantity",
                        "for example 4 or 3500m");
        rules.memory("cluster.nodeSize.memory", size.memory());
        NodeBudget budget;
        try {
            budget = NodeBudget.of(c);
            if (!cpuOk) {
                return;
            }
            NodeBudget.bytes(size.memory());
        } catch (IllegalArgumentException e) {
            return; // a quantity is malformed: reported where it is written
        }
        long cpu = NodeBudget.cpuMillis(size.cpu());
        long memory = NodeBudget.bytes(size.memory());
        rules.check(
                budget.cpuMillis() <= cpu && budget.memoryBytes() <= memory,
                "cluster.nodeSize",
                "the pods request "
                        + NodeBudget.cores(budget.cpuMillis())
                        + " CPU and "
                        + NodeBudget.gib(budget.memoryBytes())
                        + " of each of the "
                        + budget.nodes()
                        + " node(s), more than the "
                        + NodeBudget.cores(cpu)
                        + " CPU and "
                        + NodeBudget.gib(memory)
                        + " a node offers",
                "lower replicas or requests, or state larger nodes (the cluster README lists each component's share)");
    }
}
