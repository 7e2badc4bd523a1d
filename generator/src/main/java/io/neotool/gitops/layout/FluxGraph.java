package io.neotool.gitops.layout;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.wiring.Apps;
import io.neotool.gitops.wiring.Components;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The Mermaid graph of a cluster's README: the Git source, the Flux Kustomizations in the order
 * they apply (the app shards last), the Helm releases with their chart sources, the other
 * components, and the apps with the components each uses.
 */
final class FluxGraph {
    private final StringBuilder g = new StringBuilder("flowchart LR\n");

    private FluxGraph() {}

    static String of(EnvironmentConfig config) {
        FluxGraph graph = new FluxGraph();
        graph.kustomizations(config);
        graph.components(config);
        graph.apps(config);
        return graph.g.toString();
    }

    private static String id(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_");
    }

    private void node(String id, String open, String label, String close) {
        g.append("  ").append(id).append(open).append(label).append(close).append('\n');
    }

    private void edge(String from, String arrow, String to) {
        g.append("  ").append(from).append(' ').append(arrow).append(' ').append(to).append('\n');
    }

    private void kustomization(String name, String folder, @Nullable String previous) {
        String k = id(name);
        node(k, "[\"", "Kustomization " + name + "<br/>./" + folder, "\"]");
        edge("git", "-->", k);
        if (previous != null) {
            edge(id(previous), "-- before -->", k);
        }
    }

    private void kustomizations(EnvironmentConfig config) {
        String cluster = config.cluster().name();
        node("git", "[(\"", "GitRepository flux-system<br/>" + config.git().branch(), "\")]");
        @Nullable String previous = null;
        for (Layer layer : Layer.values()) {
            if (layer == Layer.APPS && previous != null) {
                node(
                        "apps",
                        "[\"",
                        "Kustomization apps<br/>retired: builds nothing, prunes nothing",
                        "\"]");
                SortedSet<String> shards = new TreeSet<>();
                config.apps().forEach(a -> shards.add(AppShards.of(a.name())));
                for (String shard : shards) {
                    kustomization(shard, AppShards.folder(layer.folder(cluster), shard), previous);
                }
                return;
            }
            kustomization(layer.kustomization(), layer.folder(cluster), previous);
            previous = layer.kustomization();
        }
    }

    private void components(EnvironmentConfig config) {
        Map<String, String> sources = new TreeMap<>();
        for (Component component : Components.all()) {
            if (!component.enabled(config) || component.name().equals("sources")) {
                continue;
            }
            String node = "c_" + id(component.name());
            if (component instanceof HelmComponent<?> helm) {
                String chart = helm.chart() + " " + helm.chartVersion(config);
                node(node, "[\"", "HelmRelease " + component.name() + "<br/>chart " + chart, "\"]");
                String source = "s_" + id(helm.source().sourceName());
                sources.put(source, helm.source().kind() + " " + helm.source().sourceName());
                edge(source, "-.->", node);
            } else {
                node(node, "[\"", component.name(), "\"]");
            }
            edge(id(component.layer().kustomization()), "-->", node);
        }
        sources.forEach((node, label) -> node(node, "[(\"", label, "\")]"));
    }

    private void apps(EnvironmentConfig config) {
        for (AppConfig app : config.apps()) {
            String node = "a_" + id(app.name());
            node(node, "[\"", app.name() + "<br/>" + app.image(), "\"]");
            edge(id(AppShards.of(app.name())), "-->", node);
            // what the app uses: the workloads its own edges lead to
            Set<String> uses = new TreeSet<>();
            Apps.edges(app, config).stream()
                    .filter(e -> e.from().equals(app.name()))
                    .forEach(e -> uses.add(e.to()));
            uses.forEach(u -> edge(node, "-. uses .->", "c_" + id(u)));
        }
    }
}
