package io.neotool.gitops.layout;

import io.neotool.gitops.components.cloudnativepg.CloudNativePgComponent;
import io.neotool.gitops.components.strimzi.StrimziComponent;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.ClusterConfig;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.NodeBudget;
import io.neotool.gitops.config.Pods;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster README's topology: on three nodes, what runs more than once and how, what stays
 * single and why; on any topology, what the pods request of each node against the stated size.
 */
final class ClusterTopology {
    private ClusterTopology() {}

    /** Why each component that stays one pod on three nodes does. */
    private static final Map<String, String> WHY_SINGLE =
            Map.ofEntries(
                    Map.entry(
                            "prometheus",
                            "its TSDB is one volume on one node, and a second server would scrape and alert twice; a node's loss stops monitoring until it is back"),
                    Map.entry("grafana", "its database is one volume; nothing else depends on it"),
                    Map.entry(
                            "loki",
                            "one filesystem store on one volume (several replicas need object storage, Loki's simple-scalable mode)"),
                    Map.entry("promtail", "a DaemonSet: one on every node, as it must be"),
                    Map.entry(
                            "certManager",
                            "one controller with leader election; certificates stay valid for weeks while it restarts"),
                    Map.entry(
                            "cloudnativePg",
                            "the operator only reconciles: PostgreSQL keeps serving and failing over without it"),
                    Map.entry(
                            "strimzi",
                            "the operator only reconciles: the brokers keep serving without it"),
                    Map.entry("minio", "in-cluster object storage for development"));

    static Map<String, Object> model(EnvironmentConfig config) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("replicated", replicated(config));
        model.put("single", single(config));
        model.put("budget", budget(config));
        return model;
    }

    private static List<String> replicated(EnvironmentConfig config) {
        List<String> rows = new ArrayList<>();
        if (!config.cluster().ha()) {
            return rows;
        }
        if (config.infrastructure().enabled("vault")) {
            rows.add(
                    "`vault`: three raft members, one per node (the chart's required anti-affinity), joining each other (`retry_join`), a disruption budget of one; the agent injector twice");
        }
        if (CloudNativePgComponent.runs(config)) {
            rows.add(
                    "`postgres`: a CloudNativePG Cluster of three instances, one per node, one synchronous standby (a commit is on two nodes), failover by the operator (`postgres-rw` follows the primary), its disruption budgets");
            if (config.infrastructure().enabled("pgbouncer")) {
                rows.add(
                        "`pgbouncer`: CloudNativePG's Pooler, spread over the nodes, a disruption budget of one; same Service and logins for the apps");
            }
        }
        if (StrimziComponent.runs(config)) {
            rows.add(
                    "`kafka`: Strimzi, three KRaft nodes that are each controller and broker, one per node; every topic on three replicas, two in sync required (`min.insync.replicas` 2), the apps' topics as KafkaTopics");
        }
        config.infrastructure()
                .components()
                .forEach(
                        (key, settings) -> {
                            int count = count(settings, config.cluster());
                            if (settings.isEnabled()
                                    && (key.equals("unleash") || key.equals("apolloRouter"))
                                    && count > 1) {
                                rows.add(
                                        "`"
                                                + key
                                                + "`: "
                                                + count
                                                + " pods spread over the nodes, a disruption budget of one");
                            }
                        });
        List<String> apps = new ArrayList<>();
        for (AppConfig app : config.apps()) {
            if (app.replicas() > 1) {
                apps.add("`" + app.name() + "`");
            }
        }
        if (!apps.isEmpty()) {
            rows.add(
                    "the apps of several replicas, "
                            + String.join(", ", apps)
                            + ": spread over the nodes, a disruption budget of one each");
        }
        return rows;
    }

    private static List<String> single(EnvironmentConfig config) {
        List<String> rows = new ArrayList<>();
        if (!config.cluster().ha()) {
            return rows;
        }
        config.infrastructure()
                .components()
                .forEach(
                        (key, settings) -> {
                            if (!settings.isEnabled()) {
                                return;
                            }
                            String why = WHY_SINGLE.get(key);
                            if (why == null
                                    && (key.equals("unleash") || key.equals("apolloRouter"))
                                    && count(settings, config.cluster()) == 1) {
                                why = "replicas: 1 in the config";
                            }
                            if (why != null) {
                                rows.add("`" + key + "`: " + why);
                            }
                        });
        List<String> apps = new ArrayList<>();
        for (AppConfig app : config.apps()) {
            if (app.replicas() == 1) {
                apps.add("`" + app.name() + "`");
            }
        }
        if (!apps.isEmpty()) {
            rows.add("the apps of one replica (the config's), " + String.join(", ", apps));
        }
        if (config.backedUp()) {
            rows.add("the backup CronJobs: one run a night, on any node");
        }
        return rows;
    }

    private static int count(ComponentSettings settings, ClusterConfig cluster) {
        return settings.pods(cluster).get(0).count();
    }

    private static Map<String, Object> budget(EnvironmentConfig config) {
        NodeBudget budget = NodeBudget.of(config);
        List<Map<String, String>> rows = new ArrayList<>();
        for (Pods pods : budget.rows()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("what", pods.what());
            row.put("pods", pods.everyNode() ? "1 per node" : String.valueOf(pods.count()));
            row.put("cpu", pods.requests().cpu());
            row.put("memory", pods.requests().memory());
            rows.add(row);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("nodes", String.valueOf(budget.nodes()));
        model.put("rows", rows);
        model.put("cpu", NodeBudget.cores(budget.cpuMillis()));
        model.put("memory", NodeBudget.gib(budget.memoryBytes()));
        ClusterConfig.NodeSize size = config.cluster().nodeSize();
        model.put(
                "sizeCpu", size == null ? "" : NodeBudget.cores(NodeBudget.cpuMillis(size.cpu())));
        model.put(
                "sizeMemory", size == null ? "" : NodeBudget.gib(NodeBudget.bytes(size.memory())));
        return model;
    }
}
