package io.neotool.gitops.platform;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.render.Templates;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What every unit may read while generating: the config, the templates, and what the other units
 * provide ({@link Shared}), handed in so that no unit reaches up to the registry for it.
 */
public record Context(LoadedConfig loaded, Templates templates, Shared shared) {

    public EnvironmentConfig config() {
        return loaded.config();
    }

    public String namespace() {
        return config().namespace();
    }

    public String cluster() {
        return config().cluster().name();
    }

    /**
     * Whether Prometheus runs: exporters, scrape annotations and metrics paths are worth adding.
     */
    public boolean scraped() {
        return shared.scraped(this);
    }

    /** Whether Loki runs, so that dashboards show logs (see {@link Shared#logged}). */
    public boolean logged() {
        return shared.logged(this);
    }

    /** Whether Vault runs, so that workloads reach it for their secrets. */
    public boolean vault() {
        return shared.vault(this);
    }

    /** The certificate Secret of {@code host}, or null (see {@link Shared#tlsSecret}). */
    public @Nullable String tlsSecret(String host) {
        return shared.tlsSecret(this, host);
    }

    /** Every alert and dashboard of the environment (see {@link Shared#monitoring}). */
    public Monitoring monitoring() {
        return shared.monitoring(this);
    }

    /** Every connection the config requires (see {@link Shared#edges}). */
    public List<Edge> edges() {
        return shared.edges(this);
    }

    /** The pod labels of each workload of the network graph (see {@link Shared#selectors}). */
    public Map<String, Map<String, String>> selectors() {
        return shared.selectors(this);
    }

    /** The namespace a workload of the graph runs in (see {@link Shared#namespaceOf}). */
    public String namespaceOf(String workload) {
        return shared.namespaceOf(this, workload);
    }

    /** What an app gets from what it uses (see {@link Shared#wiring}). */
    public AppWiring wiring(AppConfig app) {
        return shared.wiring(this, app);
    }

    /** In-cluster DNS name of a Service of the namespace. */
    public String serviceHost(String service) {
        return service + "." + namespace() + ".svc.cluster.local";
    }

    /**
     * The recommended labels of a workload; selectors use only {@code name} and {@code instance}.
     */
    /** The {@code app.kubernetes.io/part-of} label of every workload the generator writes. */
    public static final String PART_OF = "neotool";

    public static Map<String, String> labels(String name, String component) {
        Map<String, String> labels = new TreeMap<>(selector(name));
        labels.put("app.kubernetes.io/component", component);
        labels.put("app.kubernetes.io/part-of", PART_OF);
        return labels;
    }

    public static Map<String, String> selector(String name) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("app.kubernetes.io/name", name);
        labels.put("app.kubernetes.io/instance", name);
        return labels;
    }
}
