package io.neotool.gitops.config.load;

import io.neotool.gitops.config.BackupConfig;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.EnvironmentConfig;

/** The checks of {@code backups}: its schedule, retention, client, bucket and what it needs. */
final class BackupRules {
    private BackupRules() {}

    static void check(ConfigRules rules, EnvironmentConfig c) {
        BackupConfig b = c.backups();
        if (!b.isEnabled()) {
            return;
        }
        rules.cron("backups.schedule", b.schedule());
        rules.cron("backups.drillSchedule", b.drillSchedule());
        rules.positive("backups.retentionDays", b.retentionDays());
        rules.check(
                b.alertSlack().matches("^\\d+[mh]$"),
                "backups.alertSlack",
                "'" + b.alertSlack() + "' is not a duration",
                "for example 3h or 90m");
        rules.image("backups.clientImage", b.clientImage());
        rules.resources("backups.resources", b.resources());
        var t = b.target();
        rules.check(
                ConfigRules.DNS_LABEL.matcher(t.bucket()).matches(),
                "backups.target.bucket",
                "'" + t.bucket() + "' is not a bucket name",
                null);
        rules.vault("backups.target.accessKeyId", t.accessKeyId());
        rules.vault("backups.target.secretAccessKey", t.secretAccessKey());
        if (t.provider() == BackupConfig.Provider.MINIO) {
            rules.requires("backups.target", true, "MinIO", c.infrastructure().enabled("minio"));
        } else {
            rules.check(
                    t.endpoint() != null && t.endpoint().matches("^https://[^\\s/@]+(/\\S*)?$"),
                    "backups.target.endpoint",
                    "an external S3 target needs an https:// endpoint without credentials",
                    "for R2: https://<account-id>.r2.cloudflarestorage.com");
        }
        rules.requires("backups", true, "PostgreSQL", c.infrastructure().enabled("postgres"));
        rules.requires("backups", true, "Vault", c.infrastructure().enabled("vault"));
    }
}
