package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The root of {@code config/<env>.yaml}: one cluster, everything deployed to it. Everything runs in
 * {@code namespace}, except the node agents that need the host (Promtail, node-exporter): they run
 * in {@code agentsNamespace} (default {@code <namespace>-agents}), the one namespace where Pod
 * Security allows privileged pods.
 */
public record EnvironmentConfig(
        @JsonProperty(required = true) ClusterConfig cluster,
        @JsonProperty(required = true) GitConfig git,
        FluxConfig flux,
        @JsonProperty(required = true) String namespace,
        String agentsNamespace,
        @JsonProperty(required = true) InfrastructureConfig infrastructure,
        List<AppConfig> apps,
        BackupConfig backups,
        ValidationConfig validation) {

    public EnvironmentConfig {
        flux = flux == null ? FluxConfig.DEFAULTS : flux;
        validation = validation == null ? ValidationConfig.DEFAULTS : validation;
        apps = apps == null ? List.of() : List.copyOf(apps);
        agentsNamespace =
                agentsNamespace == null && namespace != null
                        ? namespace + "-agents"
                        : agentsNamespace;
    }
}
