package io.neotool.gitops.component;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.PrometheusSettings;
import io.neotool.gitops.config.VaultSettings;
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
    /** Traefik, the K3S ingress controller, in kube-system. */
    public static final String TRAEFIK = "traefik";

    /**
     * The Kubernetes API server (host network on K3S: reached on 6443, or 443 through the service).
     */
    public static final String API_SERVER = "kube-apiserver";

    /** HTTPS on the internet (Cloudflare R2). */
    public static final String INTERNET = "internet";

    /** Anyone: the API server calling the Vault injector's webhook from the host. */
    public static final String ANYWHERE = "anywhere";

    /**
     * The node itself: agents on the host network (node-exporter) listen on the node's address,
     * which no pod selector matches and which is not known when the tree is generated.
     */
    public static final String NODE = "node";

    /** A connection the config requires: {@code from} opens it to {@code port} of {@code to}. */
    public record Edge(String from, String to, int port) implements Comparable<Edge> {
        @Override
        public int compareTo(Edge o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return from + " -> " + to + ":" + port;
        }
    }

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
            edges.addAll(AppWiring.edges(app, config));
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

    /** Whether Vault runs, so that workloads reach it for their secrets. */
    static boolean vault(EnvironmentConfig config) {
        return config.infrastructure().enabled(VaultSettings.class);
    }

    /** Whether Prometheus runs, so that it reaches the metrics ports. */
    static boolean prometheus(EnvironmentConfig config) {
        return config.infrastructure().enabled(PrometheusSettings.class);
    }

    static final int VAULT_PORT = 8200;
    static final int VAULT_INJECTOR_PORT = 8080;
    static final int PROMETHEUS_PORT = PrometheusComponent.PORT;
    static final int KUBE_STATE_METRICS_PORT = 8080;
    static final int GRAFANA_PORT = 3000;
    static final int LOKI_GRPC_PORT = 9095;
    static final int LOKI_MEMBERLIST_PORT = 7946;
}
