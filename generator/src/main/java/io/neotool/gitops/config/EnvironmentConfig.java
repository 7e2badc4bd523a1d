package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The root of {@code config/<env>.yaml}: one cluster, everything deployed to it. Everything runs in
 * {@code namespace}, except the node agents that need the host (Promtail, node-exporter): they run
 * in {@code agentsNamespace} (default {@code <namespace>-agents}), the one namespace where Pod
 * Security allows privileged pods.
 *
 * <p>{@code include} names more files of the same environment (relative to this one, inside its
 * folder): each adds apps, infrastructure components or keys this file leaves out.
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
        ValidationConfig validation,
        List<String> include) {

    public EnvironmentConfig {
        flux = flux == null ? FluxConfig.DEFAULTS : flux;
        validation = validation == null ? ValidationConfig.DEFAULTS : validation;
        apps = apps == null ? List.of() : List.copyOf(apps);
        include = include == null ? List.of() : List.copyOf(include);
        agentsNamespace =
                agentsNamespace == null && namespace != null
                        ? namespace + "-agents"
                        : agentsNamespace;
    }
}
