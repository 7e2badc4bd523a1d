package io.neotool.gitops.components.namespace;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.neotool.gitops.components.prometheus.PrometheusSettings;
import io.neotool.gitops.components.promtail.PromtailSettings;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Layer;
import java.util.List;

/** The namespace everything of NeoTool runs in. */
public final class NamespaceComponent implements Component {
    @Override
    public String name() {
        return "namespace";
    }

    @Override
    public Layer layer() {
        return Layer.CONTROLLERS;
    }

    @Override
    public String configPath() {
        return "namespace";
    }

    @Override
    public boolean enabled(EnvironmentConfig config) {
        return true;
    }

    /**
     * Whether the config runs node agents (Promtail, Prometheus' node-exporter), and so their
     * namespace.
     */
    public static boolean hasNodeAgents(EnvironmentConfig config) {
        return config.infrastructure().enabled(PromtailSettings.class)
                || config.infrastructure().enabled(PrometheusSettings.class);
    }

    /**
     * The NeoTool namespace enforces Pod Security {@code restricted}: every workload in it, ours
     * and the charts' (through their values), runs non-root without privilege escalation or
     * capabilities, on the runtime's seccomp profile. The node agents need the host (host network
     * and PID, host paths, root), which no level but {@code privileged} allows; they get a
     * namespace of their own that enforces {@code privileged} and holds nothing else. Audit and
     * warn levels equal the enforced one: a warning would only repeat on every apply what the
     * namespace exists for.
     */
    @Override
    public List<HasMetadata> objects(Context context) {
        EnvironmentConfig config = context.config();
        List<HasMetadata> namespaces = new java.util.ArrayList<>();
        namespaces.add(namespace(context.namespace(), "restricted", config));
        if (hasNodeAgents(config)) {
            namespaces.add(namespace(config.agentsNamespace(), "privileged", config));
        }
        return namespaces;
    }

    private static HasMetadata namespace(String name, String enforce, EnvironmentConfig config) {
        String version = "v" + config.cluster().kubernetesVersion();
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("app.kubernetes.io/part-of", "neotool")
                .addToLabels("pod-security.kubernetes.io/enforce", enforce)
                .addToLabels("pod-security.kubernetes.io/enforce-version", version)
                .addToLabels("pod-security.kubernetes.io/audit", enforce)
                .addToLabels("pod-security.kubernetes.io/audit-version", version)
                .addToLabels("pod-security.kubernetes.io/warn", enforce)
                .addToLabels("pod-security.kubernetes.io/warn-version", version)
                .endMetadata()
                .build();
    }
}
