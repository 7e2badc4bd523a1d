package io.neotool.gitops.wiring;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who may talk to whom, derived from the config and never listed by hand: each enabled component
 * declares the paths it needs and allows ({@link Component#edges}), each app the paths its {@code
 * uses} implies. Every edge becomes a pair of NetworkPolicy rules (egress at the client, ingress at
 * the server).
 */
public final class NetworkGraph {
    private NetworkGraph() {}

    /** The edges of the config, sorted: each enabled component's, and each app's. */
    public static List<Edge> of(Context context) {
        EnvironmentConfig config = context.config();
        TreeSet<Edge> edges = new TreeSet<>();
        for (Component component : Components.all()) {
            if (component.enabled(config)) {
                edges.addAll(component.edges(context));
            }
        }
        for (AppConfig app : config.apps()) {
            edges.addAll(Apps.edges(app, config));
        }
        return new ArrayList<>(edges);
    }

    /**
     * The namespace a workload runs in: the node agents' one for Promtail, the NeoTool one
     * otherwise.
     */
    public static String namespace(EnvironmentConfig config, String workload) {
        return workload.equals("promtail") ? config.agentsNamespace() : config.namespace();
    }

    /**
     * The pod labels of each workload that takes part: each enabled component's workloads (ours by
     * name, Helm releases by their instance label), and each app.
     */
    public static Map<String, Map<String, String>> selectors(EnvironmentConfig config) {
        Map<String, Map<String, String>> selectors = new TreeMap<>();
        for (Component component : Components.all()) {
            if (component.enabled(config)) {
                selectors.putAll(component.workloads(config));
            }
        }
        config.apps().forEach(app -> selectors.put(app.name(), Context.selector(app.name())));
        return selectors;
    }
}
