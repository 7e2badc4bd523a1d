package io.neotool.gitops.components.minio;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.Resources;

/** MinIO, the S3 stand-in of dev clusters (production uses Cloudflare R2). */
@JsonClassDescription(
        "MinIO, an S3-compatible store inside the cluster (dev; production uses Cloudflare R2).")
public record MinioSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) String storage,
        @JsonProperty(required = true) Resources resources)
        implements ComponentSettings.Chart, ComponentSettings.Storage {}
