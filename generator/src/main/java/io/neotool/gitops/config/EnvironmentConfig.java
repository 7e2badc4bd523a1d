package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The root of {@code config/<env>.yaml}: one cluster, everything deployed to it. */
public record EnvironmentConfig(
        @JsonProperty(required = true) ClusterConfig cluster,
        @JsonProperty(required = true) GitConfig git,
        FluxConfig flux,
        @JsonProperty(required = true) String namespace,
        @JsonProperty(required = true) InfrastructureConfig infrastructure,
        List<AppConfig> apps,
        BackupConfig backups,
        ValidationConfig validation) {

    public EnvironmentConfig {
        flux = flux == null ? FluxConfig.DEFAULTS : flux;
        validation = validation == null ? ValidationConfig.DEFAULTS : validation;
        apps = apps == null ? List.of() : List.copyOf(apps);
    }
}
