package io.neotool.gitops.layout;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.wiring.Components;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Mermaid graph of a cluster's README: each Flux Kustomization (one per component, per app and
 * per unit an app has), an arrow from each one it waits for, and for a chart its release and
 * source. Every Kustomization applies the GitRepository flux-system; that arrow is left out.
 */
final class FluxGraph {
    private final StringBuilder g = new StringBuilder("flowchart LR\n");

    private FluxGraph() {}

    static String of(Context context) {
        FluxGraph graph = new FluxGraph();
        List<Component> components = Components.all();
        Map<String, Map<String, Component>> appUnits = new TreeMap<>();
        for (AppConfig app : context.config().apps()) {
            for (Component c : components) {
                if (c.enabled(context.config())) {
                    c.appUnits(context, app)
                            .keySet()
                            .forEach(
                                    unit ->
                                            appUnits.computeIfAbsent(
                                                            app.name(), k -> new TreeMap<>())
                                                    .put(unit, c));
                }
            }
        }
        // what every Kustomization waits for: the README says so once instead of an arrow each
        java.util.Set<String> everyone = new java.util.HashSet<>();
        components.stream()
                .filter(
                        c ->
                                c
                                                instanceof
                                                io.neotool.gitops.components.namespace
                                                        .NamespaceComponent
                                        || c
                                                instanceof
                                                io.neotool.gitops.components.networkpolicy
                                                        .NetworkPolicyComponent)
                .forEach(c -> everyone.add(c.name()));
        Map<String, Component> byName = new HashMap<>();
        components.forEach(c -> byName.put(c.name(), c));
        for (FluxUnits.Unit unit : FluxUnits.of(context, components, appUnits)) {
            String label = "Kustomization " + unit.name();
            if (byName.get(unit.name()) instanceof HelmComponent<?> helm
                    && helm.enabled(context.config())) {
                label +=
                        "<br/>HelmRelease, chart "
                                + helm.chart()
                                + " "
                                + helm.chartVersion(context.config())
                                + "<br/>from "
                                + helm.source().kind()
                                + " "
                                + helm.source().sourceName();
            }
            graph.node(id(unit.name()), label);
            unit.dependsOn().stream()
                    .filter(d -> !everyone.contains(d))
                    .forEach(d -> graph.edge(id(d), id(unit.name())));
        }
        return graph.g.toString();
    }

    private static String id(String name) {
        return "k_" + name.replaceAll("[^A-Za-z0-9]", "_");
    }

    private void node(String id, String label) {
        g.append("  ").append(id).append("[\"").append(label).append("\"]\n");
    }

    private void edge(String from, String to) {
        g.append("  ").append(from).append(" --> ").append(to).append('\n');
    }
}
