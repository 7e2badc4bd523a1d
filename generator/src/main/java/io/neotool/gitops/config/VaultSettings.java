package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Vault server (standalone, file storage) with its agent injector. */
@JsonClassDescription(
        "Vault, the only holder of secrets: the server (file storage on one volume, standalone) and the agent injector that renders secrets into pods.")
public record VaultSettings(
        @JsonPropertyDescription(
                        "Whether the cluster runs Vault. Leaving the key out means true; false removes everything generated for it (what uses it must then be off too).")
                Boolean enabled,
        @JsonPropertyDescription(
                        "Exact version of the vault Helm chart the HelmRelease installs (pinned, no ranges; Renovate proposes bumps). The review names what a bump changes.")
                @JsonProperty(required = true)
                String chartVersion,
        @JsonPropertyDescription(
                        "Vault's container image as repository:tag, the tag pinned (never latest). The generator sets it in the chart's values or the workload.")
                @JsonProperty(required = true)
                String image,
        @JsonPropertyDescription(
                        "Size of Vault's persistent volume claim, a Kubernetes quantity (e.g. 50Gi), on cluster.storageClass. A claim can grow, never shrink: the review refuses a smaller size.")
                @JsonProperty(required = true)
                String storage,
        @JsonPropertyDescription(
                        "CPU and memory requests and limits of Vault's main container; the requests are what the node reserves for it.")
                @JsonProperty(required = true)
                Resources resources)
        implements ComponentSettings.Chart, ComponentSettings.Storage {}
