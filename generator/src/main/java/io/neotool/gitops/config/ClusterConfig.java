package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The cluster Flux runs in: a single-node K3S by default. */
public record ClusterConfig(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String kubernetesVersion,
        @JsonProperty(required = true) String domain,
        String storageClass,
        String ingressClass) {

    public ClusterConfig {
        storageClass = storageClass == null ? "local-path" : storageClass;
        ingressClass = ingressClass == null ? "traefik" : ingressClass;
    }
}
