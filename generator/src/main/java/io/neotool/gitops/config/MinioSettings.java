package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** MinIO, the S3 stand-in of dev clusters (production uses Cloudflare R2). */
@JsonClassDescription(
        "MinIO, an S3-compatible store inside the cluster (dev; production uses Cloudflare R2).")
public record MinioSettings(
        @JsonPropertyDescription(
                        "Whether the cluster runs MinIO. Leaving the key out means true; false removes everything generated for it (what uses it must then be off too).")
                Boolean enabled,
        @JsonPropertyDescription(
                        "Exact version of the minio Helm chart the HelmRelease installs (pinned, no ranges; Renovate proposes bumps). The review names what a bump changes.")
                @JsonProperty(required = true)
                String chartVersion,
        @JsonPropertyDescription(
                        "MinIO's container image as repository:tag, the tag pinned (never latest). The generator sets it in the chart's values or the workload.")
                @JsonProperty(required = true)
                String image,
        @JsonPropertyDescription(
                        "Size of MinIO's persistent volume claim, a Kubernetes quantity (e.g. 50Gi), on cluster.storageClass. A claim can grow, never shrink: the review refuses a smaller size.")
                @JsonProperty(required = true)
                String storage,
        @JsonPropertyDescription(
                        "CPU and memory requests and limits of MinIO's main container; the requests are what the node reserves for it.")
                @JsonProperty(required = true)
                Resources resources)
        implements ComponentSettings.Chart, ComponentSettings.Storage {}
