package io.neotool.gitops.platform;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.neotool.gitops.config.EnvironmentConfig;
import java.util.List;
import java.util.Map;

/**
 * How a workload of several replicas lives on several nodes: its pods spread over the nodes
 * (preferred, so that a lost node never keeps a pod from starting; the apps' on every topology,
 * which one node trivially meets), and on three nodes ({@code ha}) a disruption budget of one, so
 * that draining a node for an upgrade never takes them all (on one node a budget would block the
 * drain for good: the evicted pod has nowhere to go).
 */
public final class Spread {
    private Spread() {}

    /** Whether a workload of {@code replicas} gets spread and a budget. */
    public static boolean applies(EnvironmentConfig config, int replicas) {
        return config.cluster().ha() && replicas > 1;
    }

    /** The constraint of a workload's pods, for a pod spec of the generator's own. */
    public static io.fabric8.kubernetes.api.model.TopologySpreadConstraint constraint(
            Map<String, String> selector) {
        return new io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey("kubernetes.io/hostname")
                .withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector()
                .withMatchLabels(selector)
                .endLabelSelector()
                .build();
    }

    /**
     * The constraint as a chart's {@code topologySpreadConstraints} value or a patch's: the maxSkew
     * one over the nodes, preferred (a lost node never keeps a pod from starting), as plain maps
     * (one per app of a thousand, no object mapping).
     */
    public static List<Object> constraintValue(Map<String, String> selector) {
        Map<String, Object> constraint = new java.util.LinkedHashMap<>();
        constraint.put("labelSelector", Map.of("matchLabels", new java.util.TreeMap<>(selector)));
        constraint.put("maxSkew", 1);
        constraint.put("topologyKey", "kubernetes.io/hostname");
        constraint.put("whenUnsatisfiable", "ScheduleAnyway");
        return List.of(constraint);
    }

    public static HasMetadata budget(
            String name, Map<String, String> labels, Map<String, String> selector) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .endSpec()
                .build();
    }

    /**
     * A chart's spread and budget values for its release's pods, when {@link #applies}: {@code
     * budget} is the chart's own form of a budget of one.
     */
    public static void chartValues(
            Map<String, Object> values,
            EnvironmentConfig config,
            int replicas,
            String release,
            Map<String, Object> budget) {
        if (applies(config, replicas)) {
            values.put("podDisruptionBudget", budget);
            values.put(
                    "topologySpreadConstraints",
                    constraintValue(Map.of("app.kubernetes.io/instance", release)));
        }
    }
}
