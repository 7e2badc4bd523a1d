package io.neotool.gitops.layout;

import io.neotool.gitops.components.namespace.NamespaceComponent;
import io.neotool.gitops.components.networkpolicy.NetworkPolicyComponent;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.wiring.Components;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Mermaid graph of a cluster's README, read from the Flux Kustomizations the cluster's tree
 * holds (an upgrade's shims left out): each one, an arrow from each one it waits for, and for a
 * chart its release and source. Every Kustomization applies the GitRepository flux-system, and
 * every one waits for the namespace and the network policies; those arrows are left out.
 */
final class FluxGraph {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final StringBuilder g = new StringBuilder("flowchart LR\n");

    private FluxGraph() {}

    static String of(EnvironmentConfig config, OutputTree tree) {
        FluxGraph graph = new FluxGraph();
        Set<String> everyone = new HashSet<>();
        Map<String, Component> byName = new HashMap<>();
        for (Component c : Components.all()) {
            byName.put(c.name(), c);
            if (c instanceof NamespaceComponent || c instanceof NetworkPolicyComponent) {
                everyone.add(c.name());
            }
        }
        String folder = "clusters/" + config.cluster().name() + "/";
        tree.files()
                .forEach(
                        (path, file) -> {
                            String text = file.text();
                            if (!path.startsWith(folder)
                                    || path.indexOf('/', folder.length()) >= 0
                                    || !path.endsWith(".yaml")
                                    || !text.contains("apiVersion: kustomize.toolkit.fluxcd.io/")
                                    || text.contains(FluxShims.ANNOTATION)) {
                                return;
                            }
                            JsonNode doc = YAML.readTree(text);
                            String name = doc.at("/metadata/name").asString();
                            graph.node(id(name), label(config, name, byName.get(name)));
                            for (JsonNode d : doc.at("/spec/dependsOn")) {
                                String dep = d.path("name").asString();
                                if (!everyone.contains(dep)) {
                                    graph.edge(id(dep), id(name));
                                }
                            }
                        });
        return graph.g.toString();
    }

    private static String label(
            EnvironmentConfig config,
            String name,
            @org.jspecify.annotations.Nullable Component component) {
        String label = "Kustomization " + name;
        if (component instanceof HelmComponent<?> helm && helm.enabled(config)) {
            label +=
                    "<br/>HelmRelease, chart "
                            + helm.chart()
                            + " "
                            + helm.chartVersion(config)
                            + "<br/>from "
                            + helm.source().kind()
                            + " "
                            + helm.source().sourceName();
        }
        return label;
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
