package io.neotool.gitops.components.backup;

/** The names the backups' objects and files take, shared by their parts. */
final class BackupNames {
    /** The daily backup's CronJob, ServiceAccount and Vault role. */
    static final String BACKUP = "database-backup";

    /** The ConfigMap of the one script every step runs. */
    static final String SCRIPT = BACKUP + "-script";

    static final String ACCESS_KEY_FILE = "s3-access-key-id";
    static final String SECRET_KEY_FILE = "s3-secret-access-key";

    /** The restore an operator starts. */
    static final String RESTORE = "database-restore";

    /** The weekly restore drill. */
    static final String DRILL = "database-restore-drill";

    /** Vault's daily snapshot: CronJob, ServiceAccount and Vault role. */
    static final String SNAPSHOT = "vault-snapshot";

    private BackupNames() {}
}
