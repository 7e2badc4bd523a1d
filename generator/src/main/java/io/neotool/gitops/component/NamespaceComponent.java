package io.neotool.gitops.component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.InfrastructureConfig;
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
     * Pod Security admission for what the namespace holds: {@code privileged} is enforced only when it
     * runs node agents that need the host (Promtail reads the node's logs, Prometheus' node-exporter
     * its metrics), {@code baseline} otherwise; {@code restricted} is always audited and warned about.
     */
    static String enforcedLevel(EnvironmentConfig config) {
        boolean nodeAgents = InfrastructureConfig.enabled(config.infrastructure().promtail())
                || InfrastructureConfig.enabled(config.infrastructure().prometheus());
        return nodeAgents ? "privileged" : "baseline";
    }

    @Override
    public List<HasMetadata> objects(Context context) {
        String version = "v" + context.config().cluster().kubernetesVersion();
        return List.of(new NamespaceBuilder()
                .withNewMetadata()
                .withName(context.namespace())
                .addToLabels("app.kubernetes.io/part-of", "neotool")
                .addToLabels("pod-security.kubernetes.io/enforce", enforcedLevel(context.config()))
                .addToLabels("pod-security.kubernetes.io/enforce-version", version)
                .addToLabels("pod-security.kubernetes.io/audit", "restricted")
                .addToLabels("pod-security.kubernetes.io/audit-version", version)
                .addToLabels("pod-security.kubernetes.io/warn", "restricted")
                .addToLabels("pod-security.kubernetes.io/warn-version", version)
                .endMetadata()
                .build());
    }
}
