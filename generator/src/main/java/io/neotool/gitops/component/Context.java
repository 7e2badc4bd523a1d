package io.neotool.gitops.component;

import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.render.Templates;
import java.util.Map;
import java.util.TreeMap;

/** What every component may read while generating: the config and the shared helpers. */
public record Context(LoadedConfig loaded, Templates templates) {

    public EnvironmentConfig config() {
        return loaded.config();
    }

    public String namespace() {
        return config().namespace();
    }

    public String cluster() {
        return config().cluster().name();
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
