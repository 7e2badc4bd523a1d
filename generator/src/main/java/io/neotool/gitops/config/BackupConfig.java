package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The daily logical backup of every database to an S3-compatible bucket. */
public record BackupConfig(
        @JsonPropertyDescription("Whether the backup CronJob runs. Leaving the key out means true.")
                Boolean enabled,
        @JsonPropertyDescription(
                        "When the backup runs, a cron expression in UTC (e.g. \"0 3 * * *\" for 03:00 daily). The backup-too-old alert allows one interval plus alertSlack.")
                @JsonProperty(required = true)
                String schedule,
        @JsonPropertyDescription(
                        "Days a dump is kept in the bucket; the upload removes older ones (mc rm --older-than).")
                @JsonProperty(required = true)
                Integer retentionDays,
        @JsonPropertyDescription(
                        "The MinIO client (mc) image that uploads the dumps, repository:tag pinned.")
                @JsonProperty(required = true)
                String clientImage,
        @JsonPropertyDescription(
                        "CPU and memory of each of the backup Job's containers (the dump and the upload).")
                @JsonProperty(required = true)
                Resources resources,
        @JsonPropertyDescription(
                        "Where the dumps go: an S3-compatible bucket and the Vault paths of its credentials.")
                @JsonProperty(required = true)
                S3Target target,
        @JsonPropertyDescription(
                        "How late the last successful backup may be beyond one schedule interval before the backup-too-old alert, a Prometheus duration (e.g. 3h or 90m). Default 3h.")
                String alertSlack,
        @JsonPropertyDescription(
                        "When the restore drill runs, a cron expression in UTC: it restores the latest backup of every database into a scratch database, checks every table and row, and drops it. Default weekly, \"0 5 * * 0\" (Sunday 05:00); the drill alert fires when the last good drill is older than 8 days.")
                String drillSchedule) {

    /** The drill's default: weekly, two hours after the default backup. */
    public static final String DEFAULT_DRILL_SCHEDULE = "0 5 * * 0";

    public BackupConfig {
        alertSlack = alertSlack == null ? "3h" : alertSlack;
        drillSchedule = drillSchedule == null ? DEFAULT_DRILL_SCHEDULE : drillSchedule;
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    /** Where dumps go: Cloudflare R2 in production, the in-cluster MinIO in dev. */
    public record S3Target(
            @JsonPropertyDescription(
                            "The storage service: r2 (Cloudflare R2, production), minio (the cluster's own MinIO, dev) or s3 (AWS S3).")
                    @JsonProperty(required = true)
                    Provider provider,
            @JsonPropertyDescription(
                            "The S3 API URL. For r2 it is https://<account>.r2.cloudflarestorage.com; for minio the in-cluster service when left out.")
                    String endpoint,
            @JsonPropertyDescription("Bucket the dumps go to, under <bucket>/<cluster>/<date>/.")
                    @JsonProperty(required = true)
                    String bucket,
            @JsonPropertyDescription(
                            "Vault reference of the access key id (never the value itself).")
                    @JsonProperty(required = true)
                    VaultRef accessKeyId,
            @JsonPropertyDescription(
                            "Vault reference of the secret access key (never the value itself).")
                    @JsonProperty(required = true)
                    VaultRef secretAccessKey) {}

    public enum Provider {
        @com.fasterxml.jackson.annotation.JsonProperty("r2")
        R2,
        @com.fasterxml.jackson.annotation.JsonProperty("minio")
        MINIO,
        @com.fasterxml.jackson.annotation.JsonProperty("s3")
        S3
    }
}
