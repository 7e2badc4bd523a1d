package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
        @JsonPropertyDescription(
                        "The Kubernetes cluster this environment runs on: its name, version, public domain and storage and ingress classes.")
                @JsonProperty(required = true)
                ClusterConfig cluster,
        @JsonPropertyDescription(
                        "The Git repository Flux syncs the cluster from: this repository, as the cluster reaches it.")
                @JsonProperty(required = true)
                GitConfig git,
        @JsonPropertyDescription(
                        "How often Flux applies this repository and how long it waits. Leave it out for 1m / 2m / 5m.")
                FluxConfig flux,
        @JsonPropertyDescription(
                        "The namespace every NeoTool workload runs in (e.g. production). Generated objects, network policies and Vault roles are bound to it.")
                @JsonProperty(required = true)
                String namespace,
        @JsonPropertyDescription(
                        "The namespace of the node agents (node-exporter, Promtail), which need host access that the main namespace's Pod Security level forbids. Defaults to <namespace>-agents.")
                String agentsNamespace,
        @JsonPropertyDescription(
                        "The shared infrastructure, one key per component (vault, postgres, pgbouncer, kafka, prometheus, grafana, loki, promtail, minio, unleash, apolloRouter, certManager). A component left out is not deployed.")
                @JsonProperty(required = true)
                InfrastructureConfig infrastructure,
        @JsonPropertyDescription(
                        "NeoTool's own services (Kotlin) and web front ends (Next.js): one entry per app, each deployed as its own Flux Kustomization with a Deployment, Service, probes and, if asked, an ingress, a database, topics and secrets.")
                List<AppConfig> apps,
        @JsonPropertyDescription(
                        "The daily backup of every app database (pg_dump) uploaded to S3-compatible storage (Cloudflare R2 in production). Leave it out for no backups.")
                BackupConfig backups,
        @JsonPropertyDescription("Options of neotool:validate: kinds whose schema it may skip.")
                ValidationConfig validation,
        @JsonPropertyDescription(
                        "More files of this environment to merge into this one (paths relative to this file, inside config/), e.g. apps split over files. A key may be set in one file only.")
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

    /** Whether the cluster backs up: a {@code backups} section that is not switched off. */
    public boolean backedUp() {
        return backups != null && backups.isEnabled();
    }
}
