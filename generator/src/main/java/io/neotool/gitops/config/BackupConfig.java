package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The daily logical backup of every database to an S3-compatible bucket. */
public record BackupConfig(
        Boolean enabled,
        @JsonProperty(required = true) String schedule,
        @JsonProperty(required = true) Integer retentionDays,
        @JsonProperty(required = true) String clientImage,
        @JsonProperty(required = true) Resources resources,
        @JsonProperty(required = true) S3Target target) {

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    /** Where dumps go: Cloudflare R2 in production, the in-cluster MinIO in dev. */
    public record S3Target(
            @JsonProperty(required = true) Provider provider,
            String endpoint,
            @JsonProperty(required = true) String bucket,
            @JsonProperty(required = true) VaultRef accessKeyId,
            @JsonProperty(required = true) VaultRef secretAccessKey) {}

    public enum Provider {
        @com.fasterxml.jackson.annotation.JsonProperty("r2")
        R2,
        @com.fasterxml.jackson.annotation.JsonProperty("minio")
        MINIO,
        @com.fasterxml.jackson.annotation.JsonProperty("s3")
        S3
    }
}
